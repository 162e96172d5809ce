package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersionDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnc schema}: a JSON Schema on stdout or in a file, which accepts our valid specs. */
class SchemaCommandTest {
    @Test
    void printsAJsonSchemaThatAcceptsAValidSpec() throws Exception {
        Cli r = Cli.run("schema");
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertEquals("", r.err());
        JsonNode schemaNode = new ObjectMapper().readTree(r.out());
        assertTrue(schemaNode.has("$schema"), r.out());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(schemaNode))
                .getSchema(schemaNode);
        for (String spec : List.of("lenet.yaml", "warnings.yaml", "residual.yaml")) {
            JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(Path.of(Cli.spec(spec)).toFile());
            assertEquals(java.util.Set.of(), schema.validate(yaml), spec);
        }
    }

    @Test
    void writesTheSameTextToAFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("cnnc.schema.json");
        Files.writeString(target, "old");
        Cli r = Cli.run("schema", "-o", target.toString());
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertEquals("", r.out());
        assertEquals(Cli.run("schema").out(), Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void unwritableOutputIsOneLineAndExit3(@TempDir Path dir) {
        Path target = dir.resolve("no-such-dir").resolve("schema.json");
        Cli r = Cli.run("schema", "-o", target.toString());
        assertEquals(ExitCode.FAILURE, r.code(), r::toString);
        assertEquals("cnnc: cannot write " + target + ": directory " + target.getParent() + " does not exist\n",
                r.err());
    }
}
