package demo.mesh.console.rollout;

/** A verdict and the sentence that explains it to a person. */
public record Judgement(Verdict verdict, String reason) {
}
