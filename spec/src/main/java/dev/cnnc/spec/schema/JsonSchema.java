package dev.cnnc.spec.schema;

import dev.cnnc.spec.def.LayerType;
import dev.cnnc.spec.def.ParamDef;
import dev.cnnc.spec.def.ParamType;
import dev.cnnc.spec.def.SectionDefs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of the spec format, generated from the same definitions
 * the reader uses ({@link LayerType} and {@link SectionDefs}), so the two cannot drift.
 *
 * <p>Every object is closed ({@code additionalProperties: false}); a layer is a bare type
 * name, a {@code use:} of a block, or an object whose {@code type} selects its parameters
 * (a {@code oneOf} keyed by a {@code const}). Inside blocks, parameter values, names and
 * inputs may also be {@code $variables}. Graph rules (unique names, defined inputs) and
 * shapes are beyond a schema; {@code cnnc validate} checks them.
 */
public final class JsonSchema {
    private JsonSchema() {
    }

    /** The schema as a JSON document (pretty-printed, deterministic). */
    public static String generate() {
        return JsonWriter.write(schema().map());
    }

    private static Obj schema() {
        Obj top = ValueSchemas.section(SectionDefs.TOP, JsonSchema::topLevel);
        Obj root = Obj.of("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("title", "cnnc model spec, format 1");
        top.map().forEach(root::put);
        return root.put("$defs", defs());
    }

    private static Object topLevel(ParamDef p) {
        Obj s = switch (p.type()) {
            case INPUT -> Obj.anyOf(ValueSchemas.of(ParamType.INPUT_SHAPE, 0),
                    ValueSchemas.section(SectionDefs.INPUT, q -> ValueSchemas.param(q, 0)));
            case LAYERS -> layers("layer");
            case BLOCKS -> Obj.of("type", "object").put("propertyNames", Obj.of("pattern", ValueSchemas.NAME))
                    .put("additionalProperties", Obj.ref("block"));
            case INTEGER -> Obj.of("const", 1);
            default -> ValueSchemas.param(p, 0);
        };
        return s.put("description", p.doc());
    }

    private static Obj layers(String item) {
        return Obj.of("type", "array").put("minItems", 1).put("items", Obj.ref(item));
    }

    private static Obj defs() {
        Obj defs = new Obj();
        defs.put("layer", layerChoice("", false));
        defs.put("blockLayer", layerChoice("block.", true));
        defs.put("bare", Obj.of("enum", LayerType.yamlNamesAllowingBareString())
                .put("description", "A layer without parameters, written as its type name."));
        defs.put("var", Obj.of("type", "string").put("pattern", ValueSchemas.VAR)
                .put("description", "A block parameter, e.g. $filters (only inside a block's layers)."));
        defs.put("use", use(false));
        defs.put("block.use", use(true));
        defs.put("block", ValueSchemas.section(SectionDefs.BLOCK, p -> p.type() == ParamType.LAYERS
                ? layers("blockLayer").put("description", p.doc()) : ValueSchemas.param(p, 0)));
        for (LayerType t : LayerType.values()) {
            defs.put("layer." + t.yamlName(), layer(t, false));
            defs.put("block.layer." + t.yamlName(), layer(t, true));
        }
        return defs;
    }

    private static Obj layerChoice(String prefix, boolean inBlock) {
        List<Object> choices = new ArrayList<>();
        choices.add(inBlock ? Obj.anyOf(Obj.ref("bare"), Obj.ref("var")).map() : Obj.ref("bare").map());
        choices.add(Obj.ref(prefix + "use").map());
        for (LayerType t : LayerType.values()) {
            choices.add(Obj.ref(prefix + "layer." + t.yamlName()).map());
        }
        return Obj.of("oneOf", choices);
    }

    /** One layer type: {@code type} as a const, the common keys, its parameters. */
    private static Obj layer(LayerType t, boolean inBlock) {
        Obj props = Obj.of("type", Obj.of("const", t.yamlName()).put("description", t.doc()))
                .put("name", maybeVar(ValueSchemas.name(), inBlock).put("description", "Unique layer name."))
                .put("input", maybeVar(t.arity() == LayerType.Arity.MANY
                        ? Obj.of("type", "array").put("items", ValueSchemas.ref()).put("minItems", 2)
                        : ValueSchemas.of(ParamType.LAYER_INPUT, 0), inBlock)
                        .put("description", t.arity() == LayerType.Arity.MANY
                                ? "Two or more layer names." : "The input layer; default: the layer before."));
        for (ParamDef p : t.params()) {
            props.put(p.key(), maybeVar(ValueSchemas.param(p, t.spatialRank()), inBlock));
        }
        List<String> required = new ArrayList<>(List.of("type"));
        if (t.arity() == LayerType.Arity.MANY) {
            required.add("input");
        }
        t.params().stream().filter(ParamDef::required).forEach(p -> required.add(p.key()));
        return Obj.of("type", "object").put("additionalProperties", false).put("required", required)
                .put("properties", props);
    }

    private static Obj use(boolean inBlock) {
        return ValueSchemas.section(SectionDefs.USE, p -> maybeVar(p.key().equals("use") ? ValueSchemas.name()
                : ValueSchemas.param(p, 0), inBlock && !p.key().equals("use")));
    }

    /**
     * In block layers a value, and each element of a list value, may be a $variable instead
     * (the schema cannot check what the variable will hold).
     */
    private static Obj maybeVar(Obj schema, boolean inBlock) {
        if (!inBlock) {
            return schema;
        }
        Object description = schema.map().remove("description");
        Obj any = Obj.anyOf(withVars(schema.map()), Obj.ref("var"));
        return description == null ? any : any.put("description", description);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withVars(Map<String, Object> schema) {
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        if (copy.get("items") instanceof Map<?, ?> items) {
            copy.put("items", Obj.anyOf(withVars((Map<String, Object>) items), Obj.ref("var")).map());
        }
        if (copy.get("anyOf") instanceof List<?> choices) {
            copy.put("anyOf", choices.stream().map(c -> (Object) withVars((Map<String, Object>) c)).toList());
        }
        return copy;
    }
}
