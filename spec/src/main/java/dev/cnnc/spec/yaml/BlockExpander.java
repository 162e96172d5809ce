package dev.cnnc.spec.yaml;

import dev.cnnc.spec.def.SectionDefs;
import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.DidYouMean;
import dev.cnnc.spec.diag.Note;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Expands {@code {use: res, name: stage2, repeat: 2, with: {...}, input: x}} (contract §1.2):
 * layers named {@code stage2.<i>.<local name>}, repetition i > 0 fed by repetition i - 1,
 * the use name standing for the last layer afterwards. Blocks may use other blocks; a
 * block that uses itself, directly or not, is an error.
 */
final class BlockExpander {
    private static final int MAX_NESTING = 16;
    private final NodeReader n;
    private final Reporter r;
    private final Map<String, BlockDef> defs;
    private final LayerListReader lists;
    private final Names names;
    private final ValueParser values;

    BlockExpander(NodeReader n, Map<String, BlockDef> defs, LayerListReader lists) {
        this.n = n;
        this.r = n.reporter();
        this.defs = defs;
        this.lists = lists;
        this.names = new Names(n);
        this.values = new ValueParser(n);
    }

    void expand(Val v, ListContext ctx) {
        Optional<Fields> f = n.mapping(v, Optional.of(SectionDefs.USE.keys()), "a block use");
        if (f.isEmpty()) {
            return;
        }
        Fields fields = f.get();
        Optional<Val> use = fields.get("use");
        if (use.isEmpty()) {
            return;
        }
        Val useVal = use.get();
        Optional<BlockDef> block = n.string(useVal, "a block name").flatMap(b -> lookup(useVal, b, ctx));
        Optional<String> explicit = fields.get("name").flatMap(nv -> names.name(nv, "block use"));
        String useName = explicit.orElseGet(() -> block.map(b -> b.name() + "_" + ctx.next("block:" + b.name()))
                .orElse("block"));
        if (explicit.isPresent()) {
            block.ifPresent(b -> ctx.next("block:" + b.name()));
        }
        boolean ok = block.isPresent() && (explicit.isPresent() || !fields.has("name"));
        Optional<String> input = input(fields, ctx);
        int repeat = fields.get("repeat").map(rv -> values.positiveInt(rv, "repeat", "a positive integer").orElse(0))
                .orElse(1);
        Optional<Map<String, Scope.Binding>> bindings = block.flatMap(b -> bindings(b, fields, useName));
        if (!ok || input.isEmpty() || repeat < 1 || bindings.isEmpty()) {
            ctx.define(useName, ctx.prefix() + useName);
            return;
        }
        Note site = new Note(r.pos(fields.self()), "in block '" + block.get().name() + "', used here as '" + useName + "'");
        String last = input.get();
        for (int i = 0; i < repeat; i++) {
            if (!lists.room(block.get().layers().size())) {
                r.error(Code.TOO_LARGE, fields.get("repeat").orElse(useVal), "expanding block '" + block.get().name()
                        + "' makes more than " + LayerListReader.MAX_LAYERS + " layers", "lower repeat");
                break;
            }
            last = once(block.get(), ctx, ctx.prefix() + useName + "." + i + ".", last, bindings.get(), site);
        }
        ctx.define(useName, last);
    }

    /** One repetition; returns the expanded name of its last layer. */
    private String once(BlockDef b, ListContext ctx, String prefix, String input, Map<String, Scope.Binding> vars,
                        Note site) {
        List<String> stack = new ArrayList<>(ctx.blockStack());
        stack.add(b.name());
        ListContext inner = new ListContext(prefix, new Scope(Optional.of(b.name()), vars), input, stack);
        List<Note> outer = r.enter(Reporter.prepend(site, r.origin()));
        try {
            List<Val> items = new ArrayList<>();
            for (Node node : b.layers()) {
                items.add(Val.of(node, inner.scope()));
            }
            lists.read(items, inner);
        } finally {
            r.leave(outer);
        }
        return inner.previous();
    }

    private Optional<BlockDef> lookup(Val at, String name, ListContext ctx) {
        BlockDef b = defs.get(name);
        if (b == null) {
            List<String> known = new ArrayList<>(defs.keySet());
            r.error(Code.UNKNOWN_BLOCK, at, "no block named " + Texts.quote(name) + DidYouMean.suffix(name, known),
                    known.isEmpty() ? "define it under blocks: {" + Texts.clip(name) + ": {params: {...}, layers: [...]}}"
                            : "defined blocks: " + String.join(", ", known));
            return Optional.empty();
        }
        if (ctx.blockStack().contains(name) || ctx.blockStack().size() >= MAX_NESTING) {
            List<String> chain = new ArrayList<>(ctx.blockStack());
            chain.add(name);
            r.error(Code.BLOCK_CYCLE, at, "block '" + name + "' uses itself: " + String.join(" -> ", chain),
                    "a block may use other blocks, but not itself, directly or through others");
            return Optional.empty();
        }
        return Optional.of(b);
    }

    /** The block's input: one layer name, default the layer before. */
    private Optional<String> input(Fields fields, ListContext ctx) {
        Optional<Val> iv = fields.get("input");
        if (iv.isEmpty()) {
            return Optional.of(ctx.previous());
        }
        return names.refs(iv.get(), "a layer name").flatMap(refs -> {
            if (refs.size() != 1) {
                r.error(Code.ARITY, iv.get(), "a block takes exactly one input, found " + refs.size(),
                        "combine several layers with add or concat first");
                return Optional.empty();
            }
            return Optional.of(ctx.ref(refs.get(0)));
        });
    }

    /** The parameter values of this use: from {@code with:}, else the block's defaults. */
    private Optional<Map<String, Scope.Binding>> bindings(BlockDef b, Fields fields, String useName) {
        Map<String, Val> given = new HashMap<>();
        boolean ok = true;
        Optional<Val> with = fields.get("with");
        if (with.isPresent()) {
            Optional<Fields> wf = n.mapping(with.get(), Optional.empty(), "the parameters of block '" + b.name() + "'");
            ok = wf.isPresent();
            for (Fields.Entry e : wf.map(w -> w.entries().values()).orElse(List.of())) {
                String key = ((org.yaml.snakeyaml.nodes.ScalarNode) e.key().node()).getValue();
                if (!b.params().containsKey(key)) {
                    List<String> known = new ArrayList<>(b.params().keySet());
                    r.error(Code.UNKNOWN_BLOCK_PARAM, e.key(), "block '" + b.name() + "' has no parameter "
                            + Texts.quote(key) + DidYouMean.suffix(key, known), known.isEmpty()
                            ? "declare it in the block: params: {" + Texts.clip(key) + ": <default>}"
                            : "its parameters are " + String.join(", ", known));
                    ok = false;
                } else {
                    given.put(key, e.value());
                }
            }
        }
        Map<String, Scope.Binding> vars = new HashMap<>();
        for (Map.Entry<String, Optional<Val>> p : b.params().entrySet()) {
            Val g = given.get(p.getKey());
            if (g != null) {
                vars.put(p.getKey(), new Scope.Binding(g, r.pos(g), "given for '" + useName + "' here"));
            } else if (p.getValue().isPresent()) {
                Val d = p.getValue().get();
                Val inBlock = Val.of(d.node(), new Scope(Optional.of(b.name()), java.util.Map.of()));
                vars.put(p.getKey(), new Scope.Binding(inBlock, r.pos(d), "the default of block '" + b.name() + "'"));
            } else {
                r.error(Code.MISSING_KEY, fields.self(), "block '" + b.name() + "' needs a value for '" + p.getKey() + "'",
                        "add with: {" + p.getKey() + ": ...}");
                ok = false;
            }
        }
        return ok ? Optional.of(vars) : Optional.empty();
    }
}
