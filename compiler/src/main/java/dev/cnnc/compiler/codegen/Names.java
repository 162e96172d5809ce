package dev.cnnc.compiler.codegen;

import java.util.HashSet;
import java.util.Set;

/**
 * The one allocator of Java identifiers in a generated class. Every identifier that derives
 * from user text (layer and buffer names) comes from {@link #allocate}: it is reduced to
 * {@code [A-Za-z0-9_]}, never starts with a digit, is never a keyword, is at most
 * {@value #MAX_LENGTH} characters, and never repeats a reserved or earlier name.
 */
public final class Names {
    static final int MAX_LENGTH = 48;
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "_", "var", "yield", "record", "sealed",
            "permits", "non-sealed");
    private final Set<String> used = new HashSet<>();

    /** Marks fixed member names as taken. */
    public void reserve(String... names) {
        for (String n : names) {
            used.add(n);
        }
    }

    /** A fresh identifier {@code prefix + sanitized(hint)}; {@code prefix} must be a valid identifier start. */
    public String allocate(String prefix, String hint) {
        String base = prefix + sanitize(hint);
        if (base.length() > MAX_LENGTH) {
            base = base.substring(0, MAX_LENGTH);
        }
        if (base.isEmpty() || !Character.isJavaIdentifierStart(base.charAt(0)) || isKeyword(base)) {
            base = "v" + base;
        }
        String name = base;
        for (int k = 2; used.contains(name); k++) {
            name = base + "_" + k;
        }
        used.add(name);
        return name;
    }

    /** Whether {@code s} is a Java keyword or literal (identifiers may not be). */
    public static boolean isKeyword(String s) {
        return KEYWORDS.contains(s);
    }

    /** Replaces every character outside {@code [A-Za-z0-9_]} with {@code _}. */
    static String sanitize(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
        for (int i = 0; i < text.length() && b.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        return b.toString();
    }

    /** Whether {@code s} is a legal Java identifier (ASCII only, not a keyword). */
    public static boolean isIdentifier(String s) {
        if (s.isEmpty() || isKeyword(s) || !Character.isJavaIdentifierStart(s.charAt(0)) || s.charAt(0) > 127) {
            return false;
        }
        return s.chars().allMatch(c -> c < 128 && Character.isJavaIdentifierPart(c));
    }
}
