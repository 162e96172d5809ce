package dev.cnnc.runtime.safetensors;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON values of a safetensors header, as produced by {@link JsonParser}.
 *
 * <p>A tiny closed model (RFC 8259) so that the product needs no JSON library. Objects keep their
 * key order; numbers keep their source text so that integers are exact.
 */
final class Json {
    private Json() {
    }

    /** Any JSON value. */
    sealed interface Value permits Obj, Arr, Str, Num, Bool, Null {
        /** Returns the kind as a user would name it in a message ("an object", "a string", ...). */
        String kind();
    }

    /** A JSON object; its members in source order, keys unique. */
    record Obj(Map<String, Value> members) implements Value {
        Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        @Override
        public String kind() {
            return "an object";
        }
    }

    /** A JSON array. */
    record Arr(List<Value> elements) implements Value {
        Arr {
            elements = List.copyOf(elements);
        }

        @Override
        public String kind() {
            return "an array";
        }
    }

    /** A JSON string. */
    record Str(String value) implements Value {
        @Override
        public String kind() {
            return "a string";
        }
    }

    /** A JSON number, kept as its source text. */
    record Num(String text) implements Value {
        /** Returns true when the text is an integer literal (no fraction, no exponent). */
        boolean isInteger() {
            return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        }

        /** Returns the integer value, or null when it is not an integer or does not fit a long. */
        Long asLong() {
            if (!isInteger() || text.length() > 20) {
                return null; // 20 characters hold every long; longer texts are out of range
            }
            BigInteger big = new BigInteger(text);
            return big.bitLength() < 64 ? big.longValue() : null;
        }

        @Override
        public String kind() {
            return isInteger() ? "an integer" : "a number";
        }
    }

    /** JSON true or false. */
    record Bool(boolean value) implements Value {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    /** JSON null. */
    record Null() implements Value {
        @Override
        public String kind() {
            return "null";
        }
    }
}
