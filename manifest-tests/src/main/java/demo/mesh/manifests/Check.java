package demo.mesh.manifests;

import java.util.List;

/** One rule about the manifests, in the shape of Kiali's checkers: one rule per class. */
public interface Check {

    /** What is wrong under this rule; empty when {@code manifests} follow it. */
    List<Finding> check(Manifests manifests);
}
