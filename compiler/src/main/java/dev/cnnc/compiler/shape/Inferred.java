package dev.cnnc.compiler.shape;

import java.util.List;

/** What the shape rules infer for one layer (everything of a TypedLayer but the inputs). */
record Inferred(Shape output, List<AxisWindow> windows, long params, long macs, ReceptiveField field,
                boolean wholeField) {
    Inferred {
        windows = List.copyOf(windows);
    }
}
