package dev.cnnc.spec.yaml;

import dev.cnnc.spec.def.SectionDefs;
import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.Position;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.model.InputSpec;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Positions;
import dev.cnnc.spec.model.TrainSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a YAML spec (format 1) into a {@link NetworkSpec}, reporting every problem into
 * {@code diagnostics}. Returns a spec only when there are no errors.
 *
 * <p>The passes: {@link YamlLoader} (safe node graph), the top-level keys here, then
 * {@link InputReader}, {@link BlockDefs}, {@link LayerListReader} (with
 * {@link BlockExpander}) and {@link TrainReader}. Graph and shape rules are the shape
 * checker's.
 */
public final class SpecReader {
    public Optional<NetworkSpec> read(SourceText source, Diagnostics diagnostics) {
        Marks marks = new Marks(source.name());
        long before = diagnostics.errorCount();
        Optional<YamlLoader.Loaded> loaded = new YamlLoader(marks, diagnostics).load(source);
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        // tag errors were reported by the loader: no spec may come out, even if nothing else is wrong
        Reporter reporter = new Reporter(diagnostics, marks, loaded.get().tagged(),
                diagnostics.errorCount() > before);
        Optional<NetworkSpec> spec = new Top(new NodeReader(reporter)).read(Val.of(loaded.get().root(), Scope.TOP));
        return diagnostics.errorCount() > before ? Optional.empty() : spec;
    }

    /** The top-level mapping. */
    private static final class Top {
        private final NodeReader n;
        private final Reporter r;

        Top(NodeReader n) {
            this.n = n;
            this.r = n.reporter();
        }

        Optional<NetworkSpec> read(Val root) {
            Optional<Fields> f = n.mapping(root, Optional.of(SectionDefs.TOP.keys()), "the spec");
            if (f.isEmpty()) {
                return Optional.empty();
            }
            Fields fields = f.get();
            Map<String, Position> keys = new HashMap<>();
            fields.entries().forEach((k, e) -> keys.put(k, r.pos(e.value())));
            boolean ok = format(fields);
            Optional<String> name = required(fields, "name", "name: LeNet5").flatMap(this::name);
            Optional<InputSpec> input = required(fields, "input", "input: [1, 28, 28]")
                    .flatMap(v -> new InputReader(n).read(v));
            Optional<List<String>> classes = fields.get("classes").map(this::classes).orElse(Optional.of(List.of()));
            Map<String, BlockDef> blocks = fields.get("blocks").map(v -> new BlockDefs(n).read(v)).orElse(Map.of());
            Optional<List<Layer>> layers = required(fields, "layers", "layers: [flatten, {type: dense, units: 10}]")
                    .flatMap(v -> layers(v, blocks));
            Optional<TrainSpec> train = fields.get("train").map(v -> new TrainReader(n).read(v))
                    .orElse(Optional.of(TrainSpec.DEFAULTS));
            if (!ok || name.isEmpty() || input.isEmpty() || classes.isEmpty() || layers.isEmpty() || train.isEmpty()
                    || r.hasErrors()) {
                return Optional.empty();
            }
            return Optional.of(new NetworkSpec(NetworkSpec.FORMAT, name.get(), input.get(), classes.get(), layers.get(),
                    train.get(), new Positions(r.pos(fields.self()), keys)));
        }

        private Optional<Val> required(Fields f, String key, String example) {
            Optional<Val> v = f.get(key);
            if (v.isEmpty() && f.reportMissing(key)) {
                r.error(Code.MISSING_KEY, f.self(), "the spec has no '" + key + "'", "add it, e.g. " + example);
            }
            return v;
        }

        private boolean format(Fields f) {
            Optional<Val> v = f.get("format");
            if (v.isEmpty()) {
                return true;
            }
            Optional<Long> fmt = n.integer(v.get(), "format", "the integer 1");
            if (fmt.isPresent() && fmt.get() != NetworkSpec.FORMAT) {
                r.error(Code.UNSUPPORTED_FORMAT, v.get(), "format " + fmt.get() + " is not supported; only format "
                        + NetworkSpec.FORMAT + " exists", "write format: 1, or leave the key out");
                return false;
            }
            return fmt.isPresent();
        }

        private Optional<String> name(Val v) {
            return n.text(v, "the model name (text)").flatMap(s -> {
                if (s.isBlank()) {
                    r.error(Code.BAD_VALUE, v, "the model name is empty", "e.g. name: LeNet5");
                    return Optional.empty();
                }
                return Optional.of(s);
            });
        }

        private Optional<List<String>> classes(Val v) {
            return n.list(v, "a list of class names").flatMap(items -> {
                Map<String, Val> seen = new HashMap<>();
                return ValueParser.all(items, i -> n.text(i, "a class name").flatMap(c -> {
                    Val first = seen.putIfAbsent(c, i);
                    if (first != null) {
                        r.error(Code.BAD_VALUE, i, "class " + Texts.quote(c) + " appears twice (first at line "
                                + r.pos(first).line() + ")", "class names must be distinct");
                        return Optional.empty();
                    }
                    return Optional.of(c);
                }));
            });
        }

        private Optional<List<Layer>> layers(Val v, Map<String, BlockDef> blocks) {
            Optional<List<Val>> items = n.list(v, "a list of layers");
            if (items.isEmpty()) {
                return Optional.empty();
            }
            if (items.get().isEmpty()) {
                r.error(Code.BAD_VALUE, v, "the layer list is empty", "add at least one layer, e.g. - flatten");
                return Optional.empty();
            }
            LayerListReader reader = new LayerListReader(n, blocks);
            reader.read(items.get(), ListContext.top());
            if (r.hasErrors() || reader.layers().isEmpty()) {
                return Optional.empty();
            }
            List<Layer> out = new ArrayList<>();
            for (Pending p : reader.layers()) {
                out.add(p.build(out.size() + 1));
            }
            return Optional.of(out);
        }
    }
}
