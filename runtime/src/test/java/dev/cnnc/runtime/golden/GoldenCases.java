package dev.cnnc.runtime.golden;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The PyTorch golden fixtures of {@code testdata/golden}: every case of {@code cases.json}.
 *
 * <p>Usage in a test:
 * <pre>{@code
 * GoldenCase c = GoldenCases.load().get("conv2d_k3_s2_p1");
 * float[] x = c.tensor("input").data();
 * int[] stride = c.params().ints("stride");
 * c.tolerance().assertClose(c.tensor("output"), myConv(x, ...));
 * }</pre>
 * The manifest is JSON, read with SnakeYAML (JSON is YAML). It is loaded once per JVM.
 */
public final class GoldenCases {
    /** A system property naming the fixture folder, overriding the search. */
    public static final String DIR_PROPERTY = "cnnc.golden.dir";

    private static volatile GoldenCases shared;

    private final Path dir;
    private final String format;
    private final Tolerance tolerance;
    private final Map<String, GoldenCase> cases;

    private GoldenCases(Path dir, String format, Tolerance tolerance, Map<String, GoldenCase> cases) {
        this.dir = dir;
        this.format = format;
        this.tolerance = tolerance;
        this.cases = Collections.unmodifiableMap(cases);
    }

    /** Returns the fixtures of the repository's {@code testdata/golden}, loaded once. */
    public static GoldenCases load() {
        GoldenCases g = shared;
        if (g == null) {
            synchronized (GoldenCases.class) {
                if (shared == null) {
                    shared = load(locate());
                }
                g = shared;
            }
        }
        return g;
    }

    /**
     * Finds the fixture folder: the {@value #DIR_PROPERTY} system property if set, else
     * {@code testdata/golden} in the working directory (Maven runs tests in the module
     * directory, so normally {@code ../testdata/golden}) or in one of its parents.
     */
    public static Path locate() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override != null) {
            return Path.of(override);
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata").resolve("golden");
            if (Files.isRegularFile(candidate.resolve("cases.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("golden fixtures not found: no testdata/golden/cases.json in "
                + start + " or its parents (set -D" + DIR_PROPERTY + "=DIR to point elsewhere)");
    }

    /** Reads the manifest of the fixture folder {@code dir}. */
    public static GoldenCases load(Path dir) {
        Map<String, Object> root;
        try (Reader r = Files.newBufferedReader(dir.resolve("cases.json"), StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve("cases.json"), e);
        }
        Tolerance global = Tolerance.parse(root.get("tolerance"), "cases.json tolerance");
        Map<String, GoldenCase> cases = new LinkedHashMap<>();
        for (Object node : list(root.get("cases"), "cases")) {
            GoldenCase c = parseCase(dir, map(node, "case"), global);
            if (cases.putIfAbsent(c.name(), c) != null) {
                throw new IllegalStateException("cases.json: duplicate case " + c.name());
            }
        }
        Object count = root.get("case_count");
        if (count instanceof Integer n && n != cases.size()) {
            throw new IllegalStateException("cases.json: case_count " + n + " but " + cases.size() + " cases");
        }
        return new GoldenCases(dir, String.valueOf(root.get("format")), global, cases);
    }

    private static GoldenCase parseCase(Path dir, Map<String, Object> node, Tolerance global) {
        String name = (String) node.get("name");
        Map<String, GoldenCase.TensorRef> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(node.get("tensors"), name + ".tensors").entrySet()) {
            Map<String, Object> t = map(e.getValue(), name + "." + e.getKey());
            List<Object> shapeList = list(t.get("shape"), name + "." + e.getKey() + ".shape");
            int[] shape = shapeList.stream().mapToInt(o -> (Integer) o).toArray();
            tensors.put(e.getKey(), new GoldenCase.TensorRef(e.getKey(), dir.resolve((String) t.get("file")),
                    shape, Role.parse((String) t.get("role"))));
        }
        boolean own = node.containsKey("tolerance");
        Tolerance tol = own ? Tolerance.parse(node.get("tolerance"), name + ".tolerance") : global;
        GoldenParams params = new GoldenParams(name, map(node.get("params"), name + ".params"));
        return new GoldenCase(name, (String) node.get("op"), params, tensors, tol, own);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String where) {
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalStateException("cases.json: " + where + " must be an object");
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String where) {
        if (!(o instanceof List<?>)) {
            throw new IllegalStateException("cases.json: " + where + " must be a list");
        }
        return (List<Object>) o;
    }

    /** Returns the folder the fixtures were read from. */
    public Path dir() {
        return dir;
    }

    /** Returns the manifest format, {@code cnn-golden-v1}. */
    public String format() {
        return format;
    }

    /** Returns the global tolerance (cases may override it; use {@link GoldenCase#tolerance()}). */
    public Tolerance tolerance() {
        return tolerance;
    }

    /** Returns every case in manifest order. */
    public List<GoldenCase> cases() {
        return List.copyOf(cases.values());
    }

    /** Returns the cases of one op ({@code conv2d}, {@code max_pool1d}, ...), in manifest order. */
    public List<GoldenCase> byOp(String op) {
        List<GoldenCase> out = new ArrayList<>();
        for (GoldenCase c : cases.values()) {
            if (c.op().equals(op)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Returns the named case. */
    public GoldenCase get(String name) {
        GoldenCase c = cases.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no golden case '" + name + "'");
        }
        return c;
    }

    /** Returns the number of cases. */
    public int size() {
        return cases.size();
    }
}
