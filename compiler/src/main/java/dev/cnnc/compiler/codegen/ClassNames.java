package dev.cnnc.compiler.codegen;

import java.util.Set;

/**
 * Derives the Java class name from the spec's free-text name: words of ASCII letters and digits
 * are capitalised and joined ({@code "LeNet-5 (digits)"} becomes {@code LeNet5Digits}); a leading
 * digit gets the prefix {@code Model}; an empty result is {@code Model}; a name that would hide a
 * JDK class the generated code uses gets the suffix {@code Model}.
 */
public final class ClassNames {
    static final int MAX_LENGTH = 64;

    private ClassNames() {
    }

    /** The class name for a spec named {@code specName}; {@code jdkNames} are simple names the source uses. */
    public static String derive(String specName, Set<String> jdkNames) {
        StringBuilder b = new StringBuilder();
        boolean wordStart = true;
        for (int i = 0; i < specName.length() && b.length() < MAX_LENGTH; i++) {
            char c = specName.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                b.append(wordStart ? Character.toUpperCase(c) : c);
                wordStart = false;
            } else {
                wordStart = true;
            }
        }
        String name = b.toString();
        if (name.isEmpty()) {
            return "Model";
        }
        if (Character.isDigit(name.charAt(0))) {
            name = "Model" + name;
        }
        if (jdkNames.contains(name) || Names.isKeyword(name)) {
            name = name + "Model";
        }
        return name;
    }
}
