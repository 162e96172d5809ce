package dev.cnnc.spec.yaml;

import dev.cnnc.spec.def.LayerType;
import dev.cnnc.spec.def.ParamDef;
import dev.cnnc.spec.def.ParamType;
import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.DidYouMean;
import dev.cnnc.spec.diag.Position;
import dev.cnnc.spec.model.Positions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads one layer entry (a mapping with {@code type}, or a bare type name) into a
 * {@link Pending} layer, driven only by the {@link LayerType} table. A layer with an error
 * is left out, but its name still counts, so that later layers do not cascade.
 */
final class LayerReader {
    private final NodeReader n;
    private final Reporter r;
    private final ValueParser values;
    private final Names names;

    LayerReader(NodeReader n) {
        this.n = n;
        this.r = n.reporter();
        this.values = new ValueParser(n);
        this.names = new Names(n);
    }

    /** A bare string: a type without required parameters and with one (default) input. */
    Optional<Pending> bare(Val v, ListContext ctx) {
        Optional<LayerType> t = n.string(v, "a layer: a mapping {type: ...} or a type name such as flatten")
                .flatMap(s -> type(v, s));
        if (t.isEmpty()) {
            return Optional.empty();
        }
        LayerType type = t.get();
        String local = type.yamlName() + "_" + ctx.next("type:" + type.yamlName());
        String expanded = ctx.prefix() + local;
        String previous = ctx.previous();
        ctx.define(local, expanded);
        if (type.arity() == LayerType.Arity.MANY) {
            r.error(Code.ARITY, v, type.yamlName() + " needs its inputs named",
                    "write {type: " + type.yamlName() + ", input: [a, b]} with two or more layer names");
            return Optional.empty();
        }
        if (!type.allowsBareString()) {
            r.error(Code.MISSING_KEY, v, type.yamlName() + " needs " + requiredKeys(type) + "; a bare name is not enough",
                    "write it as a mapping, e.g. " + example(type));
            return Optional.empty();
        }
        ParsedArgs args = new ParsedArgs();
        type.params().forEach(p -> args.put(p.key(), ValueParser.defaultOf(p, type.spatialRank()), false));
        Positions pos = new Positions(r.pos(v), Map.of("type", r.pos(v)));
        return Optional.of(new Pending(type, expanded, List.of(previous), pos, r.origin(), args));
    }

    /** A mapping with {@code type}, optional {@code name} and {@code input}, and parameters. */
    Optional<Pending> mapping(Val v, ListContext ctx) {
        Optional<Fields> f = n.mapping(v, Optional.empty(), "a layer");
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Fields fields = f.get();
        Optional<String> explicitName = fields.get("name").flatMap(nv -> names.name(nv, "layer"));
        Optional<LayerType> type = Optional.empty();
        if (fields.get("type").isEmpty()) {
            Fields checked = n.only(fields, List.of("type"), "a layer without 'type'", true);
            if (checked.reportMissing("type")) {
                r.error(Code.MISSING_KEY, fields.self(), "the layer has no 'type'",
                        "add one, e.g. {type: conv2d, filters: 16, kernel: 3}; types: " + String.join(", ", LayerType.yamlNames()));
            }
        } else {
            Val tv = fields.get("type").get();
            type = n.string(tv, "a layer type such as conv2d").flatMap(s -> type(tv, s));
        }
        if (type.isEmpty()) {
            explicitName.ifPresent(name -> ctx.define(name, ctx.prefix() + name));
            return Optional.empty();
        }
        return typed(fields, type.get(), explicitName, ctx);
    }

    private Optional<Pending> typed(Fields all, LayerType type, Optional<String> explicitName, ListContext ctx) {
        // k counts every layer of the type, named or not
        String local = type.yamlName() + "_" + ctx.next("type:" + type.yamlName());
        local = explicitName.orElse(local);
        List<String> allowed = new ArrayList<>(LayerType.COMMON_KEYS);
        type.params().forEach(p -> allowed.add(p.key()));
        Fields fields = n.only(all, allowed, type.yamlName() + " layer");
        boolean ok = fields.entries().size() == all.entries().size() && (explicitName.isPresent() || !all.has("name"));
        Optional<List<String>> inputs = inputs(fields, type, ctx);
        ctx.define(local, ctx.prefix() + local);
        ParsedArgs args = new ParsedArgs();
        for (ParamDef p : type.params()) {
            ok &= param(fields, p, type, args);
        }
        if (!ok || inputs.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Position> keys = new LinkedHashMap<>();
        fields.entries().forEach((k, e) -> keys.put(k, r.pos(e.value())));
        return Optional.of(new Pending(type, ctx.prefix() + local, inputs.get(),
                new Positions(r.pos(fields.self()), keys), r.origin(), args));
    }

    private boolean param(Fields fields, ParamDef p, LayerType type, ParsedArgs args) {
        Optional<Val> v = fields.get(p.key());
        if (v.isPresent()) {
            Optional<Object> parsed = values.parse(p, v.get(), type.spatialRank());
            parsed.ifPresent(x -> args.put(p.key(), x, true));
            return parsed.isPresent();
        }
        if (p.required()) {
            if (fields.reportMissing(p.key())) {
                r.error(Code.MISSING_KEY, fields.self(), type.yamlName() + " needs '" + p.key() + "': " + p.doc(),
                        "add it, e.g. " + example(type));
            }
            return false;
        }
        p.defaultValue().ifPresent(d -> args.put(p.key(), ValueParser.defaultOf(p, type.spatialRank()), false));
        return true;
    }

    /** The resolved inputs, by the type's arity: the layer before when not written. */
    private Optional<List<String>> inputs(Fields fields, LayerType type, ListContext ctx) {
        boolean many = type.arity() == LayerType.Arity.MANY;
        Optional<Val> iv = fields.get("input");
        if (iv.isEmpty()) {
            if (many) {
                r.error(Code.ARITY, fields.self(), type.yamlName() + " needs its inputs named: two or more layers",
                        "add input: [a, b] with the names of the layers to " + type.yamlName());
                return Optional.empty();
            }
            return Optional.of(List.of(ctx.previous()));
        }
        Optional<List<String>> refs = names.refs(iv.get(), ParamType.LAYER_INPUT.expected());
        if (refs.isEmpty()) {
            return refs;
        }
        int count = refs.get().size();
        if (many && count < 2) {
            r.error(Code.ARITY, iv.get(), type.yamlName() + " needs two or more inputs, found " + count,
                    "write input: [a, b]");
            return Optional.empty();
        }
        if (!many && count != 1) {
            r.error(Code.ARITY, iv.get(), type.yamlName() + " takes exactly one input, found " + count,
                    "to combine layers, put an add or concat layer first");
            return Optional.empty();
        }
        return Optional.of(refs.get().stream().map(ctx::ref).toList());
    }

    private Optional<LayerType> type(Val v, String s) {
        Optional<LayerType> t = LayerType.byYamlName(s);
        if (t.isEmpty()) {
            r.error(Code.UNKNOWN_LAYER_TYPE, v, "unknown layer type " + Texts.quote(s)
                    + DidYouMean.suffix(s, LayerType.yamlNames()), "valid types: " + String.join(", ", LayerType.yamlNames()));
        }
        return t;
    }

    private static String requiredKeys(LayerType type) {
        return Texts.choices(type.params().stream().filter(ParamDef::required).map(p -> "'" + p.key() + "'").toList())
                .replace(" or ", " and ");
    }

    /** {type: conv2d, filters: 16, kernel: 3}: the type with its required parameters. */
    static String example(LayerType type) {
        String params = type.params().stream().filter(ParamDef::required)
                .map(p -> p.key() + ": " + sample(p)).collect(Collectors.joining(", "));
        return "{type: " + type.yamlName() + (params.isEmpty() ? "" : ", " + params) + "}";
    }

    private static String sample(ParamDef p) {
        return switch (p.type()) {
            case SPATIAL -> p.key().equals("size") ? "2" : "3";
            case RATE -> "0.5";
            case SHAPE -> "[-1]";
            default -> "16";
        };
    }
}
