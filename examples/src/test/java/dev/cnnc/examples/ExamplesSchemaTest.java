package dev.cnnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every example validates against the JSON Schema that {@code cnnc schema} prints, so an
 * editor using the schema accepts the same files as cnnc (blocks, {@code $variables},
 * bare strings, the train section).
 */
class ExamplesSchemaTest {
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(dev.cnnc.spec.schema.JsonSchema.generate());

    static List<Path> examples() {
        return ExampleSpecs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validatesAgainstTheSchema(Path file) throws IOException {
        Object data = new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
        JsonNode json = new ObjectMapper().valueToTree(data);
        Set<String> problems = SCHEMA.validate(json).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), problems, file.getFileName() + " against the JSON Schema");
    }
}
