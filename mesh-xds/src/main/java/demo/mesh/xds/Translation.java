package demo.mesh.xds;

import java.util.List;

/** What {@link XdsTranslator} made of a {@link MeshRouting}: the resources to serve and what was left out. */
public record Translation(XdsResources resources, List<TranslationWarning> warnings) {

    public Translation {
        warnings = List.copyOf(warnings);
    }
}
