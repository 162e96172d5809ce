package dev.cnnc.spec.yaml;

import dev.cnnc.spec.def.LayerType;
import dev.cnnc.spec.diag.Note;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.LayerMeta;
import dev.cnnc.spec.model.Positions;
import java.util.List;

/** A layer read without errors, waiting for its index in the expanded list. */
record Pending(LayerType type, String name, List<String> inputs, Positions positions, List<Note> origin,
               ParsedArgs args) {
    Layer build(int index) {
        return type.create(new LayerMeta(index, name, inputs, positions, origin), args);
    }
}
