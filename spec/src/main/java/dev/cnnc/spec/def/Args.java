package dev.cnnc.spec.def;

import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import java.util.List;

/**
 * Already type-checked parameter values of one layer, defaults filled in from its
 * {@link ParamDef}s. Implemented by the reader; used by {@link LayerType#create}.
 * Getters for a key of another type are programmer errors.
 */
public interface Args {
    /** Whether the user wrote the key (computed defaults need this). */
    boolean has(String key);

    int integer(String key);

    /** A SPATIAL value expanded to one entry per spatial axis of the layer. */
    List<Integer> spatial(String key);

    /** A PADDING value; explicit amounts expanded to the layer's rank. */
    Padding padding(String key);

    PaddingMode paddingMode(String key);

    Activation activation(String key);

    boolean bool(String key);

    double number(String key);

    /** A SHAPE value. */
    List<Integer> ints(String key);
}
