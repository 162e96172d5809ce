package dev.cnnc.spec.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a layer list (the top level, or a block's layers at one use) into the expanded
 * list of {@link Pending} layers, dispatching each entry to {@link LayerReader} or, for
 * {@code use:} entries, to {@link BlockExpander}.
 */
final class LayerListReader {
    /** At most this many layers after expanding blocks. */
    static final int MAX_LAYERS = 10_000;

    private final NodeReader n;
    private final LayerReader layers;
    private final BlockExpander blocks;
    private final List<Pending> out = new ArrayList<>();
    private boolean overflow;

    LayerListReader(NodeReader n, Map<String, BlockDef> defs) {
        this.n = n;
        this.layers = new LayerReader(n);
        this.blocks = new BlockExpander(n, defs, this);
    }

    /** The layers read so far, in expanded order. */
    List<Pending> layers() {
        return out;
    }

    void read(List<Val> items, ListContext ctx) {
        for (Val item : items) {
            if (overflow) {
                return;
            }
            entry(item, ctx).ifPresent(out::add);
        }
    }

    private Optional<Pending> entry(Val raw, ListContext ctx) {
        Optional<Val> rv = n.resolve(raw);
        if (rv.isEmpty()) {
            return Optional.empty();
        }
        Val v = rv.get();
        if (v.node() instanceof ScalarNode) {
            return layers.bare(v, ctx);
        }
        if (isUse(v)) {
            blocks.expand(v, ctx);
            return Optional.empty();
        }
        if (v.node() instanceof MappingNode) {
            return layers.mapping(v, ctx);
        }
        n.wrongType(v, "a layer: a mapping {type: ..., ...} or a type name such as flatten");
        return Optional.empty();
    }

    private static boolean isUse(Val v) {
        if (v.node() instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("use")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code more} layers still fit under {@link #MAX_LAYERS}; false stops all reading. */
    boolean room(int more) {
        if (out.size() + more > MAX_LAYERS) {
            overflow = true;
        }
        return !overflow;
    }
}
