package dev.cnnc.runtime.safetensors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser (RFC 8259) for safetensors headers.
 *
 * <p>Strict means: no comments, no trailing commas, no single quotes, no leading zeros, no
 * control characters in strings, and duplicate object keys are an error. Nesting is limited to
 * {@value #MAX_DEPTH} levels so that a hostile header cannot overflow the stack. Only whitespace
 * may follow the top-level value (safetensors pads its header with spaces).
 */
final class JsonParser {
    /** The deepest nesting accepted; a safetensors header needs 3. */
    static final int MAX_DEPTH = 64;

    /** A syntax error at a character offset of the text. */
    static final class JsonSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;

        JsonSyntaxException(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        /** Returns the character offset (0-based) where the error was found. */
        int offset() {
            return offset;
        }
    }

    private final String text;
    private int pos;
    private int depth;

    private JsonParser(String text) {
        this.text = text;
    }

    /** Parses {@code text} as one JSON value followed only by whitespace. */
    static Json.Value parse(String text) throws JsonSyntaxException {
        JsonParser p = new JsonParser(text);
        p.skipWhitespace();
        Json.Value v = p.value();
        p.skipWhitespace();
        if (p.pos < text.length()) {
            throw p.error("unexpected " + p.describeCurrent() + " after the end of the JSON value");
        }
        return v;
    }

    private Json.Value value() throws JsonSyntaxException {
        if (pos >= text.length()) {
            throw error("unexpected end of the header, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return new Json.Str(string());
            case 't':
                literal("true");
                return new Json.Bool(true);
            case 'f':
                literal("false");
                return new Json.Bool(false);
            case 'n':
                literal("null");
                return new Json.Null();
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected " + describeCurrent() + ", expected a value");
        }
    }

    private Json.Obj object() throws JsonSyntaxException {
        enter();
        pos++; // '{'
        Map<String, Json.Value> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return new Json.Obj(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key, found " + describeCurrent());
            }
            int keyStart = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Json.Value v = value();
            if (members.putIfAbsent(key, v) != null) {
                throw new JsonSyntaxException("duplicate key \"" + key + "\"", keyStart);
            }
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                depth--;
                return new Json.Obj(members);
            } else {
                throw error("expected ',' or '}', found " + describeCurrent());
            }
        }
    }

    private Json.Arr array() throws JsonSyntaxException {
        enter();
        pos++; // '['
        List<Json.Value> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return new Json.Arr(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                depth--;
                return new Json.Arr(elements);
            } else {
                throw error("expected ',' or ']', found " + describeCurrent());
            }
        }
    }

    private void enter() throws JsonSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private String string() throws JsonSyntaxException {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new JsonSyntaxException(
                        String.format("control character U+%04X inside a string", (int) c), pos - 1);
            }
            if (c == '\\') {
                sb.append(escape());
            } else {
                sb.append(c);
            }
        }
    }

    private char escape() throws JsonSyntaxException {
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        char e = text.charAt(pos++);
        switch (e) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u': return unicodeEscape();
            default:
                throw new JsonSyntaxException("invalid escape '\\" + printable(e) + "'", pos - 2);
        }
    }

    private char unicodeEscape() throws JsonSyntaxException {
        if (pos + 4 > text.length()) {
            throw error("unterminated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw new JsonSyntaxException("invalid \\u escape", pos - 2);
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Json.Num number() throws JsonSyntaxException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("numbers may not have leading zeros");
            }
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit, found " + describeCurrent());
        }
        if (peek() == '.') {
            pos++;
            requireDigit();
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigit();
            digits();
        }
        return new Json.Num(text.substring(start, pos));
    }

    private void requireDigit() throws JsonSyntaxException {
        if (!isDigit(peek())) {
            throw error("expected a digit, found " + describeCurrent());
        }
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) throws JsonSyntaxException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describeCurrent() + ", expected a value");
        }
        pos += word.length();
    }

    private void expect(char c) throws JsonSyntaxException {
        if (peek() != c) {
            throw error("expected '" + c + "', found " + describeCurrent());
        }
        pos++;
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String describeCurrent() {
        return pos >= text.length() ? "the end of the header" : "'" + printable(text.charAt(pos)) + "'";
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("U+%04X", (int) c);
    }

    private JsonSyntaxException error(String message) {
        return new JsonSyntaxException(message, pos);
    }
}
