package dev.cnnc.runtime.compile;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The class files of one compilation, by binary class name ({@code pkg.Outer$Inner}).
 * The byte arrays are not copied: treat them as read-only.
 */
public record CompiledClasses(Map<String, byte[]> classes) {
    public CompiledClasses {
        Objects.requireNonNull(classes, "classes");
        classes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(classes));
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("a compilation produced no class");
        }
    }

    /** A new class loader defining these classes, with only the JDK as parent. */
    public ClassLoader newClassLoader() {
        return new BytesClassLoader(classes);
    }

    /** Loads class {@code name} in a new class loader. */
    public Class<?> load(String name) {
        try {
            return Class.forName(name, true, newClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the compiled classes contain no class " + name
                    + " (found " + classes.keySet() + ")", e);
        }
    }

    /** Total size of the class files in bytes. */
    public long totalBytes() {
        return classes.values().stream().mapToLong(b -> b.length).sum();
    }

    /** Defines classes from bytes; the parent is the platform loader, so only the JDK is visible. */
    private static final class BytesClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> classes;

        BytesClassLoader(Map<String, byte[]> classes) {
            super("cnnc-model", ClassLoader.getPlatformClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
