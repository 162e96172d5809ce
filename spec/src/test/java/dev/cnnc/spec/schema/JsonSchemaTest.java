package dev.cnnc.spec.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cnnc.spec.def.LayerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/** The generated schema accepts the valid specs and rejects unknown keys, types and values. */
class JsonSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final com.networknt.schema.JsonSchema SCHEMA = JsonSchemaFactory
            .getInstance(SpecVersion.VersionFlag.V202012).getSchema(JsonSchema.generate());

    /** YAML to a JSON tree, for tests only (SnakeYAML's load builds plain maps and lists here). */
    private static JsonNode json(String yaml) {
        Object data = new Yaml().load(yaml);
        return MAPPER.valueToTree(data);
    }

    private static Set<ValidationMessage> validate(String yaml) {
        return SCHEMA.validate(json(yaml));
    }

    private static String corpus(String file) throws IOException {
        try (InputStream in = JsonSchemaTest.class.getResourceAsStream("/diagnostics/reader/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"valid_lenet.yaml", "valid_blocks_resnet.yaml", "valid_conv1d_train.yaml",
            "valid_bare_strings.yaml", "valid_nested_blocks.yaml", "valid_padding_forms.yaml"})
    void validSpecsValidate(String file) throws IOException {
        assertEquals(Set.of(), validate(corpus(file)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "name: n\ninput: [1, 4]\nlayers: [{type: conv1d, filters: 2, kernal: 3}]",
            "name: n\ninput: [1, 4]\nlayers: [{type: transformer}]",
            "name: n\ninput: [1, 4]\nlayers: [flatten]\nextra: 1",
            "name: n\ninput: [1, 4]\nlayers: [conv2d]",
            "name: n\ninput: [1, 4]\nlayers: [{type: dense}]",
            "name: n\ninput: [1, 4]\nlayers: [{type: dense, units: 0}]",
            "name: n\ninput: [1, 4]\nlayers: [{type: dense, units: $u}]",
            "name: n\ninput: [1, 4]\nlayers: [{type: add, input: a}]",
            "name: n\ninput: [1, 4]\nlayers: [{type: dropout, rate: 1}]",
            "name: n\ninput: [1, 4]\nlayers: [{type: conv2d, filters: 1, kernel: 3, padding: [1, 2, 3]}]",
            "name: n\ninput: [1, 4]\nlayers: [{type: conv2d, filters: 1, kernel: 3, activation: rleu}]",
            "name: n\ninput: [1, 4]\nlayers: [{type: relu, name: \"a b\"}]",
            "name: n\ninput: [1, 4]\nlayers: [{use: b, wiht: {}}]",
            "name: n\ninput: [1, 4]\nlayers: [flatten]\ntrain: {optimizer: {type: adamw}}",
            "name: n\ninput: [1, 4]\nlayers: [flatten]\ntrain: {epoch: 3}",
            "name: n\ninput: {shape: [1, 4], normalise: {}}\nlayers: [flatten]",
            "name: n\ninput: [1, 4, 4, 4]\nlayers: [flatten]",
            "format: 2\nname: n\ninput: [1, 4]\nlayers: [flatten]",
            "input: [1, 4]\nlayers: [flatten]",
            "name: n\ninput: [1, 4]\nlayers: []",
            "name: n\ninput: [1, 4]\nblocks: {b: {params: {}, layers: [relu], extra: 1}}\nlayers: [{use: b}]"})
    void invalidSpecsDoNot(String yaml) {
        assertFalse(validate(yaml).isEmpty(), yaml);
    }

    @Test
    void variablesOnlyInsideBlocks() {
        assertEquals(Set.of(), validate("""
                name: n
                input: [1, 4]
                blocks:
                  b:
                    params: {u: 3, k: 1}
                    layers: [{type: conv1d, filters: $u, kernel: [$k]}, {use: c, with: {x: $u}, repeat: $k}]
                  c: {params: {x: 1}, layers: [relu]}
                layers: [{use: b, with: {u: 4}}]
                """));
    }

    @Test
    void deterministicDraft202012AndClosed() {
        String s = JsonSchema.generate();
        assertEquals(s, JsonSchema.generate());
        assertTrue(s.startsWith("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\""), s);
        JsonNode tree = json(s);
        assertEquals(false, tree.get("additionalProperties").asBoolean());
        for (LayerType t : LayerType.values()) {
            JsonNode def = tree.get("$defs").get("layer." + t.yamlName());
            assertEquals(false, def.get("additionalProperties").asBoolean(), t.yamlName());
            assertEquals(t.yamlName(), def.get("properties").get("type").get("const").asText());
            assertEquals(t.params().size() + 3, def.get("properties").size(), t.yamlName());
        }
        List<String> bare = MAPPER.convertValue(tree.get("$defs").get("bare").get("enum"),
                MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
        assertEquals(LayerType.yamlNamesAllowingBareString(), bare);
        assertTrue(bare.contains("flatten") && !bare.contains("conv2d") && !bare.contains("add"));
    }
}
