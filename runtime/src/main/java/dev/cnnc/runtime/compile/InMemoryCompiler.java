package dev.cnnc.runtime.compile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles Java source held in memory with the JDK's javac ({@code javax.tools}) and keeps
 * the class files in memory: nothing touches the disk. Options are {@code --release 17}, no
 * annotation processing and an empty class path, so the source may use the JDK only — the
 * same conditions as the user's {@code javac} on the output of {@code cnnc compile}.
 *
 * <p>One instance reuses javac's file manager (and with it the parsed JDK symbol tables)
 * across compilations, which makes the second and later compilations much faster. The
 * instance is thread-safe; compilations run one at a time. javac is looked up on the first
 * compilation, so creating an instance costs nothing when every model comes from the cache.
 */
public final class InMemoryCompiler {
    /** The Java release the generated code targets (the contract, §4). */
    public static final String RELEASE = "17";

    private static final List<String> OPTIONS = List.of(
            "--release", RELEASE, "-proc:none", "-encoding", "UTF-8", "-Xlint:none", "-g");
    /** The incubating module of the opt-in vector kernels, and how a source shows that it uses it. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_IMPORT = "import " + VECTOR_MODULE + ".";

    /** {@link #OPTIONS}, plus {@code --add-modules jdk.incubator.vector} when a source imports from it. */
    private static List<String> options(Map<String, String> sources) {
        if (sources.values().stream().noneMatch(text -> text.contains(VECTOR_IMPORT))) {
            return OPTIONS;
        }
        List<String> options = new ArrayList<>(OPTIONS);
        options.add("--add-modules");
        options.add(VECTOR_MODULE);
        return options;
    }

    /** javac and its file manager, created on the first compilation (a cache hit needs neither). */
    private JavaCompiler javac;
    private StandardJavaFileManager standard;
    private final AtomicLong compilations = new AtomicLong();
    /** Whether {@link #warmUp()} ran or is running. */
    private boolean warming;

    /** What the warm-up compiles: a loop over float arrays, so javac's attribution, flow and code generation run. */
    private static final Map<String, String> WARM_UP = Map.of("CnncWarmUp.java",
            "final class CnncWarmUp { static float f(float[] a, float[][] b) { float s = 0f; "
            + "for (int i = 0; i < a.length; i++) { s += a[i] * b[0][i] + Math.max(a[i], 0.0f); } return s; } }");

    /**
     * Finds javac on first use.
     *
     * @throws IllegalStateException when running on a JRE without javac (jdk.compiler)
     */
    private void start() {
        if (javac != null) {
            return;
        }
        JavaCompiler found = ToolProvider.getSystemJavaCompiler();
        if (found == null) {
            throw new IllegalStateException("no Java compiler in this Java runtime ("
                    + System.getProperty("java.home") + "); cnnc needs a JDK, not a JRE");
        }
        standard = found.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        try {
            standard.setLocation(StandardLocation.CLASS_PATH, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        javac = found;
    }

    /**
     * Starts javac on a background thread, compiling a tiny class, so that loading javac and
     * the JDK's symbol tables (most of a first compilation's time) overlaps with whatever the
     * caller does next, such as generating the source to compile. A later {@link #compile}
     * waits for it. Does nothing when javac already ran or is warming up; failures are left
     * for the real compilation to report.
     */
    public void warmUp() {
        synchronized (this) {
            if (javac != null || warming) {
                return;
            }
            warming = true;
        }
        Thread thread = new Thread(() -> {
            synchronized (this) {
                try {
                    start();
                    Map<String, byte[]> classes = new HashMap<>();
                    List<JavaFileObject> units = new ArrayList<>();
                    WARM_UP.forEach((path, text) -> units.add(new SourceFile(path, text)));
                    javac.getTask(null, new MemoryFileManager(standard, classes), new DiagnosticCollector<>(), OPTIONS,
                            null, units).call();
                } catch (RuntimeException e) {
                    // the real compilation starts javac again and reports what is wrong
                }
            }
        }, "cnnc-javac-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Compiles {@code sources} (relative path such as {@code com/acme/Net.java} to source
     * text) into class files.
     *
     * @throws CompilationException when javac reports an error (a cnnc bug)
     * @throws IllegalStateException when running on a JRE without javac (jdk.compiler)
     */
    public synchronized CompiledClasses compile(Map<String, String> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("nothing to compile");
        }
        start();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((path, text) -> units.add(new SourceFile(path, text)));
        Map<String, byte[]> classes = new HashMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        MemoryFileManager files = new MemoryFileManager(standard, classes);
        Boolean ok = javac.getTask(null, files, diagnostics, options(sources), null, units).call();
        compilations.incrementAndGet();
        List<String> errors = errors(diagnostics);
        if (!Boolean.TRUE.equals(ok) || !errors.isEmpty()) {
            throw new CompilationException(errors.isEmpty() ? List.of("javac failed without a diagnostic") : errors);
        }
        return new CompiledClasses(classes);
    }

    /** How many times javac ran on this instance (for tests of caching). */
    public long compilations() {
        return compilations.get();
    }

    private static List<String> errors(DiagnosticCollector<JavaFileObject> collector) {
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : collector.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                JavaFileObject source = d.getSource();
                String where = source == null ? "javac"
                        : (source instanceof SourceFile s ? s.path : source.getName())
                        + ":" + d.getLineNumber() + ":" + d.getColumnNumber();
                errors.add(where + ": error: " + d.getMessage(Locale.ROOT));
            }
        }
        return errors;
    }

    /** A source file held as a string, named by its relative path. */
    private static final class SourceFile extends SimpleJavaFileObject {
        final String path;
        private final String text;

        SourceFile(String path, String text) {
            super(URI.create("string:///" + path.replace('\\', '/')), Kind.SOURCE);
            if (!path.endsWith(".java")) {
                throw new IllegalArgumentException("not a .java path: " + path);
            }
            this.path = path;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** A class file javac writes into the shared map when the stream is closed. */
    private static final class ClassFile extends SimpleJavaFileObject {
        private final String name;
        private final Map<String, byte[]> sink;

        ClassFile(String name, Map<String, byte[]> sink) {
            super(URI.create("mem:///" + name.replace('.', '/') + ".class"), Kind.CLASS);
            this.name = name;
            this.sink = sink;
        }

        @Override
        public OutputStream openOutputStream() {
            return new ByteArrayOutputStream() {
                @Override
                public void close() {
                    sink.put(name, toByteArray());
                }
            };
        }
    }

    /** Sends class output to memory; everything else (the JDK's classes) to javac's own manager. */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<JavaFileManager> {
        private final Map<String, byte[]> classes;

        MemoryFileManager(JavaFileManager standard, Map<String, byte[]> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            if (kind != JavaFileObject.Kind.CLASS) {
                throw new IllegalArgumentException("unexpected output " + kind + " for " + className);
            }
            return new ClassFile(className, classes);
        }

        /** Keeps javac from closing the shared standard file manager. */
        @Override
        public void close() {
        }
    }
}
