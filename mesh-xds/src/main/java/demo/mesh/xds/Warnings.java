package demo.mesh.xds;

import java.util.ArrayList;
import java.util.List;

/** Collects the warnings of one translation, in the order the files were read. */
final class Warnings {

    private final List<TranslationWarning> warnings = new ArrayList<>();

    void add(String object, String field, String reason) {
        warnings.add(new TranslationWarning(object, field, reason));
    }

    List<TranslationWarning> list() {
        return List.copyOf(warnings);
    }
}
