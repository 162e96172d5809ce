package dev.cnnc.runtime.safetensors;

import static dev.cnnc.runtime.safetensors.Fixtures.raw;
import static dev.cnnc.runtime.safetensors.Fixtures.valid;
import static dev.cnnc.runtime.safetensors.Fixtures.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A corpus of broken files, each derived from a valid one, with the message it must produce. */
class BrokenFilesTest {
    private static final String A = "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}";
    private static final String B = "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[24,40]}";

    private static String two(String a, String b) {
        return "{" + a + "," + b + "}";
    }

    private static String tensor(String name, String dtype, String shape, String offsets) {
        return "\"" + name + "\":{\"dtype\":" + dtype + ",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
    }

    static Stream<Arguments> corpus() {
        byte[] ok = valid();
        return Stream.of(
                Arguments.of("empty file", new byte[0], "empty file (0 bytes)"),
                Arguments.of("5 bytes", Arrays.copyOf(ok, 5), "file is only 5 bytes"),
                Arguments.of("header length 2^40", raw(1L << 40, new byte[16], 0), "header length 1099511627776 is over the limit"),
                Arguments.of("header length 2^64-1", raw(-1L, new byte[16], 0), "header length 18446744073709551615 is over the limit"),
                Arguments.of("header length beyond the file", raw(5000, "{}".getBytes(StandardCharsets.UTF_8), 0),
                        "header length 5000 runs past the end of the file (10 bytes"),
                Arguments.of("truncated inside the header", Arrays.copyOf(ok, 30), "runs past the end of the file"),
                Arguments.of("truncated inside the data", Arrays.copyOf(ok, ok.length - 3),
                        "tensor 'b': data_offsets [24, 40] run past the end of the data region, which has 37 bytes"),
                Arguments.of("header length 0", raw(0, new byte[0], 8), "unexpected end of the header"),
                Arguments.of("not JSON", withHeader("{\"a\" 1}", 0), "not valid JSON: expected ':'"),
                Arguments.of("trailing comma", withHeader("{" + A + ",}", 24), "expected a string key"),
                Arguments.of("garbage after the JSON", withHeader(two(A, B) + "x", 40), "after the end of the JSON value"),
                Arguments.of("not UTF-8", raw(4, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'}, 0), "not valid UTF-8"),
                Arguments.of("array header", withHeader("[1, 2]", 0), "header must be a JSON object, found an array"),
                Arguments.of("deep nesting", withHeader("[".repeat(5000) + "]".repeat(5000), 0), "nested more than 64 levels"),
                Arguments.of("duplicate key", withHeader("{" + A + "," + A + "}", 24), "duplicate key \"a\""),
                Arguments.of("entry not an object", withHeader("{\"a\":[1]}", 0), "tensor 'a': expected an object"),
                Arguments.of("missing dtype", withHeader("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "tensor 'a': missing \"dtype\""),
                Arguments.of("dtype a number", withHeader("{" + tensor("a", "32", "[1]", "[0,4]") + "}", 4),
                        "\"dtype\" must be a string, found an integer"),
                Arguments.of("unknown dtype", withHeader("{" + tensor("a", "\"F33\"", "[1]", "[0,4]") + "}", 4),
                        "tensor 'a': unknown dtype \"F33\" (known: F64, F32"),
                Arguments.of("lower-case dtype", withHeader("{" + tensor("a", "\"f32\"", "[1]", "[0,4]") + "}", 4), "unknown dtype \"f32\""),
                Arguments.of("8-bit float", withHeader("{" + tensor("a", "\"F8_E4M3\"", "[4]", "[0,4]") + "}", 4), "dtype F8_E4M3 is not supported"),
                Arguments.of("negative dim", withHeader("{" + tensor("a", "\"F32\"", "[2,-3]", "[0,24]") + "}", 24),
                        "\"shape\" must be a list of non-negative integers, found -3 at index 1"),
                Arguments.of("fractional dim", withHeader("{" + tensor("a", "\"F32\"", "[2.5]", "[0,8]") + "}", 8), "found 2.5 at index 0"),
                Arguments.of("shape a string", withHeader("{" + tensor("a", "\"F32\"", "\"2x3\"", "[0,24]") + "}", 24), "found a string"),
                Arguments.of("dim over int", withHeader("{" + tensor("a", "\"F32\"", "[4294967296]", "[0,4]") + "}", 4),
                        "up to 2147483647, found 4294967296"),
                Arguments.of("too many elements", withHeader("{" + tensor("a", "\"U8\"", "[65536,65536]", "[0,4]") + "}", 4),
                        "too many for cnnc"),
                Arguments.of("offsets with 3 entries", withHeader("{" + tensor("a", "\"F32\"", "[1]", "[0,4,8]") + "}", 8),
                        "\"data_offsets\" must be a list of 2 non-negative integers, found 3 elements"),
                Arguments.of("offsets reversed", withHeader("{" + tensor("a", "\"F32\"", "[1]", "[4,0]") + "}", 4), "end before they begin"),
                Arguments.of("offsets past the data", withHeader("{" + tensor("a", "\"F32\"", "[10]", "[0,40]") + "}", 8),
                        "run past the end of the data region, which has 8 bytes"),
                Arguments.of("offsets vs shape", withHeader("{" + tensor("a", "\"F32\"", "[2,3]", "[0,20]") + "}", 20),
                        "data_offsets [0, 20] hold 20 bytes, but F32 × [2, 3] needs 24 bytes"),
                Arguments.of("overlap", withHeader(two(A, tensor("b", "\"F32\"", "[4]", "[16,32]")), 32),
                        "tensors 'a' (bytes [0, 24)) and 'b' (bytes [16, 32)) overlap"),
                Arguments.of("gap", withHeader(two(A, tensor("b", "\"F32\"", "[4]", "[32,48]")), 48),
                        "bytes [24, 32) of the data region belong to no tensor"),
                Arguments.of("bytes after the last tensor", withHeader(two(A, B), 44), "the last 4 bytes of the data region belong to no tensor"),
                Arguments.of("metadata not an object", withHeader("{\"__metadata__\":[]," + A + "}", 24), "\"__metadata__\" must be an object"),
                Arguments.of("metadata value a number", withHeader("{\"__metadata__\":{\"epoch\":3}," + A + "}", 24),
                        "\"__metadata__\" value of \"epoch\" must be a string, found an integer"),
                Arguments.of("empty tensor name", withHeader("{" + tensor("", "\"F32\"", "[1]", "[0,4]") + "}", 4),
                        "a tensor has an empty name"),
                Arguments.of("control character in a name", withHeader("{\"a\tb\":{}}", 0), "control character U+0009"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void brokenFileIsReportedWithItsProblem(String what, byte[] bytes, String fragment) {
        SafetensorsException e = assertThrows(SafetensorsException.class,
                () -> SafetensorsReader.read("broken.safetensors", bytes));
        assertTrue(e.getMessage().startsWith("broken.safetensors: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
        assertEquals("broken.safetensors", e.file());
    }

    @Test
    void corpusIsLargeAndEachFileIsRejectedFromDiskToo(@TempDir Path dir) throws Exception {
        assertTrue(corpus().count() >= 15);
        for (Arguments a : (Iterable<Arguments>) corpus()::iterator) {
            Path f = dir.resolve("case.safetensors");
            Files.write(f, (byte[]) a.get()[1]);
            SafetensorsException e = assertThrows(SafetensorsException.class, () -> SafetensorsReader.read(f));
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
            assertTrue(e.getMessage().contains((String) a.get()[2]), e.getMessage());
        }
    }

    @Test
    void allEntryProblemsAreListedOneLineEach() {
        String header = "{" + tensor("a", "\"F33\"", "[1]", "[0,4]") + "," + tensor("b", "\"F32\"", "[-1]", "[4,8]") + "}";
        SafetensorsException e = assertThrows(SafetensorsException.class,
                () -> SafetensorsReader.read("f", withHeader(header, 8)));
        assertEquals(2, e.problems().size(), e.getMessage());
        String[] lines = e.getMessage().split("\n");
        assertTrue(lines[0].startsWith("f: tensor 'a': unknown dtype"), lines[0]);
        assertTrue(lines[1].startsWith("f: tensor 'b': \"shape\""), lines[1]);
    }

    @Test
    void validBaseFileReads() throws Exception {
        Tensors t = SafetensorsReader.read("ok", valid());
        assertEquals(java.util.List.of("a", "b"), t.names());
        assertEquals(6, t.get("a").size());
    }

    @Test
    void zeroSizedTensorsMayShareAnOffset() throws Exception {
        String header = "{" + tensor("e", "\"F32\"", "[0]", "[0,0]") + "," + tensor("s", "\"F32\"", "[]", "[0,4]") + "}";
        Tensors t = SafetensorsReader.read("ok", withHeader(header, 4));
        assertEquals(0, t.get("e").size());
        assertEquals(1, t.get("s").size());
    }

    @Test
    void missingFileIsAnIoErrorNotAFormatError(@TempDir Path dir) {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> SafetensorsReader.read(dir.resolve("none")));
    }
}
