package dev.cnnc.spec.yaml;

import dev.cnnc.spec.def.SectionDefs;
import dev.cnnc.spec.diag.Code;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code blocks: {name: {params: {p: default}, layers: [...]}}} (contract §1.2). */
final class BlockDefs {
    private final NodeReader n;
    private final Reporter r;
    private final Names names;

    BlockDefs(NodeReader n) {
        this.n = n;
        this.r = n.reporter();
        this.names = new Names(n);
    }

    /** The well-formed blocks by name; a malformed block is reported and left out. */
    Map<String, BlockDef> read(Val v) {
        Map<String, BlockDef> blocks = new LinkedHashMap<>();
        n.mapping(v, Optional.empty(), "blocks").ifPresent(f -> f.entries().forEach((name, e) -> {
            Optional<String> valid = names.name(e.key(), "block");
            Optional<BlockDef> def = valid.flatMap(ok -> block(name, e));
            def.ifPresent(b -> blocks.put(name, b));
        }));
        return blocks;
    }

    private Optional<BlockDef> block(String name, Fields.Entry e) {
        String what = "block '" + name + "'";
        Optional<Fields> f = n.mapping(e.value(), Optional.of(SectionDefs.BLOCK.keys()), what + " ({params, layers})");
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Optional<Val>> params = new LinkedHashMap<>();
        boolean ok = f.get().get("params").map(pv -> params(pv, what, params)).orElse(true);
        Optional<Val> layers = f.get().get("layers");
        if (layers.isEmpty() && !f.get().reportMissing("layers")) {
            return Optional.empty();
        }
        if (layers.isEmpty()) {
            r.error(Code.MISSING_KEY, f.get().self(), what + " has no 'layers'",
                    "add layers: [...] with the block's layers; 'input' there is the block's input");
            return Optional.empty();
        }
        Optional<List<Val>> items = n.list(layers.get(), "a list of layers");
        if (items.isPresent() && items.get().isEmpty()) {
            r.error(Code.BAD_VALUE, layers.get(), what + " has no layers", "a block needs at least one layer");
            return Optional.empty();
        }
        if (!ok || items.isEmpty()) {
            return Optional.empty();
        }
        List<Node> nodes = items.get().stream().map(Val::node).toList();
        return Optional.of(new BlockDef(name, r.pos(e.key()), params, nodes));
    }

    private boolean params(Val pv, String what, Map<String, Optional<Val>> out) {
        Optional<Fields> f = n.mapping(pv, Optional.empty(), "the parameters of " + what);
        if (f.isEmpty()) {
            return false;
        }
        boolean ok = true;
        for (Map.Entry<String, Fields.Entry> p : f.get().entries().entrySet()) {
            if (names.name(p.getValue().key(), "parameter").isEmpty()) {
                ok = false;
                continue;
            }
            Val d = p.getValue().value();
            out.put(p.getKey(), Scalars.isNull(d.node()) ? Optional.empty() : Optional.of(d));
        }
        return ok;
    }
}
