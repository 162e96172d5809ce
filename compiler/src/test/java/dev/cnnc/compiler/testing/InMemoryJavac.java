package dev.cnnc.compiler.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles sources with javax.tools in memory, with an empty class path (so generated code
 * provably needs nothing beside the JDK), and loads the classes.
 */
public final class InMemoryJavac {
    /** The opt-in vector kernels' module ({@code GeneratorOptions.vectorApi}). */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** javac's diagnostic code for "using incubating module(s)". */
    private static final String INCUBATING = "compiler.warn.incubating.modules";

    private InMemoryJavac() {
    }

    /** Compiled class files by binary name. */
    public record Result(Map<String, byte[]> classes) {
        public Class<?> load(String name) {
            ClassLoader loader = new ClassLoader(InMemoryJavac.class.getClassLoader().getParent()) {
                @Override
                protected Class<?> findClass(String n) throws ClassNotFoundException {
                    byte[] b = classes.get(n);
                    if (b == null) {
                        throw new ClassNotFoundException(n);
                    }
                    return defineClass(n, b, 0, b.length);
                }
            };
            try {
                return loader.loadClass(name);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Compiles {@code files} (relative path to source); fails the test with javac's messages on error. */
    public static Result compile(Map<String, String> files) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        Map<String, ByteArrayOutputStream> out = new TreeMap<>();
        JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        files.forEach((path, text) -> units.add(new SimpleJavaFileObject(URI.create("mem:///" + path),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        Path empty;
        try {
            empty = Files.createTempDirectory("empty-classpath");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> options = new ArrayList<>(List.of("-classpath", empty.toString(), "--release", "17",
                "-proc:none", "-Xlint:all", "-Werror"));
        boolean vectors = files.values().stream().anyMatch(text -> text.contains("import " + VECTOR_MODULE + "."));
        if (vectors) {
            // javac always warns of an incubating module, and no -Xlint option silences it: instead
            // of -Werror, every other warning fails the compilation below
            options.remove("-Werror");
            options.addAll(List.of("--add-modules", VECTOR_MODULE));
        }
        boolean ok = javac.getTask(null, manager, diagnostics, options, null, units).call();
        boolean otherWarnings = diagnostics.getDiagnostics().stream().anyMatch(d -> d.getKind() != Diagnostic.Kind.NOTE
                && !INCUBATING.equals(d.getCode()));
        if (!ok || otherWarnings) {
            StringBuilder b = new StringBuilder("javac failed:\n");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                b.append(d.getKind()).append(" line ").append(d.getLineNumber()).append(": ")
                        .append(d.getMessage(Locale.ROOT)).append('\n');
            }
            throw new AssertionError(b.toString());
        }
        Map<String, byte[]> classes = new TreeMap<>();
        out.forEach((k, v) -> classes.put(k, v.toByteArray()));
        return new Result(classes);
    }
}
