package dev.cnnc.compiler.shape;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.Note;
import dev.cnnc.spec.model.Layer;

/**
 * Reports diagnostics about one layer, pointing at one of its keys and carrying the
 * layer's block use-site notes ({@code LayerMeta.origin()}), so that an error inside an
 * expanded block names both places.
 */
final class Reporter {
    private final Diagnostics diagnostics;

    Reporter(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void error(Layer layer, String key, Code code, String message, String... hints) {
        report(layer, Diagnostic.error(code, layer.meta().positions().of(key), message, hints));
    }

    void warning(Layer layer, String key, Code code, String message, String... hints) {
        report(layer, Diagnostic.warning(code, layer.meta().positions().of(key), message, hints));
    }

    /** Adds the layer's origin notes to {@code d} and reports it. */
    void report(Layer layer, Diagnostic d) {
        Diagnostic withOrigin = d;
        for (Note note : layer.meta().origin()) {
            withOrigin = withOrigin.withNote(note);
        }
        diagnostics.report(withOrigin);
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }
}
