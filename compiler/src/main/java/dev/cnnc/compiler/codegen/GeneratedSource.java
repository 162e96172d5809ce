package dev.cnnc.compiler.codegen;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The generated Java sources.
 *
 * @param mainClass fully qualified name of the model class (the one with {@code main})
 * @param files     relative path ({@code pkg/dir/Name.java}) to source text, in write order;
 *                  today a single file (helper classes are nested, so {@code java Name.java} works)
 */
public record GeneratedSource(String mainClass, Map<String, String> files) {
    public GeneratedSource {
        Objects.requireNonNull(mainClass, "mainClass");
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The source of the model class. */
    public String mainSource() {
        return files.get(mainClass.replace('.', '/') + ".java");
    }
}
