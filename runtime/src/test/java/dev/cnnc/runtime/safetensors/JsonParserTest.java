package dev.cnnc.runtime.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {
    @Test
    void parsesAllValueKindsKeepingKeyOrder() throws Exception {
        Json.Value v = JsonParser.parse(" {\"z\": [1, -2, 3.5e2, true, false, null], \"a\": \"x\\u00e9\\n\\\"\"}  ");
        Json.Obj o = (Json.Obj) v;
        assertEquals(List.of("z", "a"), List.copyOf(o.members().keySet()));
        Json.Arr arr = (Json.Arr) o.members().get("z");
        assertEquals(-2L, ((Json.Num) arr.elements().get(1)).asLong());
        assertEquals(null, ((Json.Num) arr.elements().get(2)).asLong(), "3.5e2 is not an integer literal");
        assertEquals(new Json.Bool(true), arr.elements().get(3));
        assertEquals(new Json.Null(), arr.elements().get(5));
        assertEquals(new Json.Str("xé\n\""), o.members().get("a"));
        assertEquals(Map.of(), ((Json.Obj) JsonParser.parse("{}")).members());
    }

    @Test
    void integersBeyondLongAreNotLongs() throws Exception {
        assertEquals(Long.MAX_VALUE, ((Json.Num) JsonParser.parse("9223372036854775807")).asLong());
        assertEquals(null, ((Json.Num) JsonParser.parse("9223372036854775808")).asLong());
        assertEquals(null, ((Json.Num) JsonParser.parse("1" + "0".repeat(5000))).asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1,}", "[1,]", "{'a':1}", "01", "1.", "-", "1e", "\"abc", "\"\\x\"",
        "\"\\u12G4\"", "tru", "nul", "{\"a\":1}}", "{\"a\" 1}", "{1:2}", "[1 2]", "\"a\u0001\"", "// c\n{}", "{\"a\":1,\"a\":2}"})
    void rejectsInvalidJson(String text) {
        JsonParser.JsonSyntaxException e = assertThrows(JsonParser.JsonSyntaxException.class, () -> JsonParser.parse(text));
        assertTrue(e.offset() >= 0 && e.offset() <= text.length(), "offset inside the text");
    }

    @Test
    void limitsNesting() {
        String ok = "[".repeat(JsonParser.MAX_DEPTH) + "]".repeat(JsonParser.MAX_DEPTH);
        String deep = "[".repeat(JsonParser.MAX_DEPTH + 1) + "]".repeat(JsonParser.MAX_DEPTH + 1);
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> JsonParser.parse(ok));
        assertThrows(JsonParser.JsonSyntaxException.class, () -> JsonParser.parse(deep));
    }

    @Test
    void halfFloatConversionMatchesIeee() {
        assertEquals(1f, DType.halfToFloat((short) 0x3c00));
        assertEquals(-2f, DType.halfToFloat((short) 0xc000));
        assertEquals(65504f, DType.halfToFloat((short) 0x7bff));
        assertEquals((float) Math.pow(2, -24), DType.halfToFloat((short) 0x0001));
        assertEquals(Float.POSITIVE_INFINITY, DType.halfToFloat((short) 0x7c00));
        assertTrue(Float.isNaN(DType.halfToFloat((short) 0x7e00)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(DType.halfToFloat((short) 0x8000)));
    }
}
