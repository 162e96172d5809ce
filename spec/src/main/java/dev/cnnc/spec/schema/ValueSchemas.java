package dev.cnnc.spec.schema;

import dev.cnnc.spec.def.ParamDef;
import dev.cnnc.spec.def.ParamType;
import dev.cnnc.spec.def.SectionDef;
import java.util.List;

/** The JSON Schema of each {@link ParamType}, with the same ranges the reader checks. */
final class ValueSchemas {
    /** A layer or block name (the reader's {@code Names.NAME}, at most 100 characters). */
    static final String NAME = "^[A-Za-z_][A-Za-z0-9_]*$";
    /** A reference to a layer, possibly inside an expanded block ({@code stage2.1.c1}). */
    static final String REF = "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*$";
    /** A block parameter reference, allowed in the values of block layers. */
    static final String VAR = "^\\$[A-Za-z_][A-Za-z0-9_]*$";

    private ValueSchemas() {
    }

    /** The schema of one parameter, with its documentation and default. */
    static Obj param(ParamDef p, int rank) {
        Obj s = of(p.type(), rank);
        s.put("description", p.doc() + (p.required() ? "" : p.defaultValue().isPresent() ? ""
                : " Default: " + p.defaultDoc() + "."));
        p.defaultValue().ifPresent(d -> s.put("default", d));
        return s;
    }

    static Obj of(ParamType t, int rank) {
        return switch (t) {
            case POSITIVE_INT -> integer(1);
            case NON_NEGATIVE_INT -> integer(0);
            case INTEGER -> Obj.of("type", "integer");
            case SPATIAL -> Obj.anyOf(integer(1), array(integer(1), rank, rank));
            case PADDING -> Obj.anyOf(Obj.of("enum", List.of("valid", "same")), integer(0),
                    rank == 1 ? array(integer(0), 2, 2) : Obj.anyOf(array(integer(0), 2, 2), array(integer(0), 4, 4)));
            case PADDING_MODE, ACTIVATION, LOSS, OPTIMIZER, LR_SCHEDULE, INIT, METRIC -> Obj.of("enum", t.choices());
            case BOOLEAN -> Obj.of("type", "boolean");
            case NUMBER -> Obj.of("type", "number");
            case RATE -> Obj.of("type", "number").put("minimum", 0).put("exclusiveMaximum", 1);
            case FRACTION -> Obj.of("type", "number").put("minimum", 0).put("maximum", 1);
            case POSITIVE_NUMBER -> Obj.of("type", "number").put("exclusiveMinimum", 0);
            case NON_NEGATIVE_NUMBER -> Obj.of("type", "number").put("minimum", 0);
            case SHAPE -> array(Obj.anyOf(Obj.of("const", -1), integer(1)), 1, 3);
            case BETAS -> array(of(ParamType.RATE, 0), 2, 2);
            case STRING -> text();
            case STRING_LIST -> Obj.of("type", "array").put("items", text()).put("uniqueItems", true);
            case NUMBER_LIST -> Obj.of("type", "array").put("items", Obj.of("type", "number")).put("minItems", 1);
            case POSITIVE_NUMBER_LIST -> Obj.of("type", "array").put("items", of(ParamType.POSITIVE_NUMBER, 0))
                    .put("minItems", 1);
            case INPUT_SHAPE -> array(integer(1), 2, 3);
            case NAME -> name();
            case LAYER_INPUT -> Obj.anyOf(ref(), Obj.of("type", "array").put("items", ref()).put("minItems", 1));
            case BLOCK_PARAMS, BLOCK_ARGS -> Obj.of("type", "object").put("propertyNames", Obj.of("pattern", NAME));
            case INPUT, SECTION, LAYERS, BLOCKS -> throw new IllegalArgumentException(t + " has a schema of its own");
        };
    }

    /** A section: a closed object; with a shorthand, also the bare word ({@code optimizer: adam}). */
    static Obj section(SectionDef def, java.util.function.Function<ParamDef, Object> special) {
        Obj props = new Obj();
        for (ParamDef p : def.params()) {
            props.put(p.key(), p.type() == ParamType.SECTION ? section(def.section(p.key()), special)
                    .put("description", p.doc()) : special.apply(p));
        }
        List<String> required = def.params().stream().filter(ParamDef::required).map(ParamDef::key).toList();
        Obj object = Obj.of("type", "object").put("additionalProperties", false).put("properties", props);
        if (!required.isEmpty()) {
            object.put("required", required);
        }
        if (def.shorthand().isEmpty()) {
            return object.put("description", def.doc());
        }
        ParamDef key = def.param(def.shorthand().get()).orElseThrow();
        return Obj.anyOf(Obj.of("enum", key.type().choices()), object).put("description", def.doc());
    }

    static Obj integer(int minimum) {
        return Obj.of("type", "integer").put("minimum", minimum);
    }

    static Obj array(Obj items, int min, int max) {
        return Obj.of("type", "array").put("items", items).put("minItems", min).put("maxItems", max);
    }

    static Obj text() {
        return Obj.of("type", List.of("string", "number", "boolean"));
    }

    static Obj name() {
        return Obj.of("type", "string").put("pattern", NAME).put("maxLength", 100);
    }

    static Obj ref() {
        return Obj.of("type", "string").put("pattern", REF).put("maxLength", 100);
    }
}
