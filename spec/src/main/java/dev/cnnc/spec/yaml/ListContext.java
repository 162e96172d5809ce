package dev.cnnc.spec.yaml;

import dev.cnnc.spec.model.LayerMeta;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Name resolution for one layer list: the top level, or one repetition of a block. Maps
 * the names written in the list to the names of the expanded network, in list order
 * (inputs name earlier layers; later ones are left for the shape checker to report).
 */
final class ListContext {
    private final String prefix;
    private final Scope scope;
    private final String blockInput;
    private final List<String> blockStack;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private String previous;

    /**
     * @param prefix     prepended to local names ({@code stage2.1.}), "" at the top level
     * @param blockInput what {@code input} means here: the network input or the block's input
     * @param blockStack the blocks being expanded, outermost first (cycle check)
     */
    ListContext(String prefix, Scope scope, String blockInput, List<String> blockStack) {
        this.prefix = prefix;
        this.scope = scope;
        this.blockInput = blockInput;
        this.blockStack = List.copyOf(blockStack);
        this.previous = blockInput;
    }

    static ListContext top() {
        return new ListContext("", Scope.TOP, LayerMeta.NETWORK_INPUT, List.of());
    }

    Scope scope() {
        return scope;
    }

    List<String> blockStack() {
        return blockStack;
    }

    String prefix() {
        return prefix;
    }

    /** The expanded name of the layer before (the default input). */
    String previous() {
        return previous;
    }

    /** 1, 2, 3, ... per type or block name: for default names {@code conv2d_2}. */
    int next(String kind) {
        return counts.merge(kind, 1, Integer::sum);
    }

    /** The expanded name a reference written in this list means. */
    String ref(String written) {
        if (written.equals(LayerMeta.NETWORK_INPUT)) {
            return blockInput;
        }
        return names.getOrDefault(written, prefix + written);
    }

    /** Records a layer (or a block use, mapped to its last layer); it becomes the default next input. */
    void define(String local, String expanded) {
        names.put(local, expanded);
        previous = expanded;
    }
}
