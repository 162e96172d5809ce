package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.testing.GoldenNetworks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-inputs corpus (badinputs/cases.tsv) run through the real command line: every row's
 * exit code and message fragment, no stack trace, no temporary file left, and no file that
 * existed before changed. The inline-expectation spec corpora of the spec and compiler modules
 * run through {@code cnnc validate} too, and a few rows run as a child process to prove the
 * process exit status.
 */
class BadInputsCorpusTest {
    static final Path ROOT = Path.of("src/test/resources/badinputs");
    private static final List<Path> SPEC_CORPORA = List.of(Path.of("../spec/src/test/resources/diagnostics/reader"),
            Path.of("../compiler/src/test/resources/diagnostics/shape"));
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect-error:\\s*\\S+\\s+(\\d+):(\\d+)\\s+\"(.*)\"");

    /** Every row's output, for reading the messages (target/badinputs-report.txt). */
    private static final Path REPORT = Path.of("target/badinputs-report.txt");

    @TempDir
    static Path dir;

    /** One row: the arguments, the exit code, a fragment of stdout + stderr. */
    record Case(String id, List<String> args, int exit, String fragment) {
    }

    @BeforeAll
    static void makeFiles() throws IOException {
        Files.deleteIfExists(REPORT);
        BadFiles.writeAll(dir);
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("cases.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw new IllegalStateException("cases.tsv: want 4 tab-separated fields: " + line);
            }
            List<String> args = new ArrayList<>();
            for (String a : f[1].isBlank() ? new String[0] : f[1].trim().split(" +")) {
                args.add(expand(a));
            }
            cases.add(new Case(f[0], args, Integer.parseInt(f[2].trim()), expand(f[3])));
        }
        return cases;
    }

    /** $T the temporary directory with the generated files, $S the corpus specs, $LENET LeNet-5's spec. */
    static String expand(String s) {
        return s.replace("$T", dir.toString()).replace("$S", ROOT.resolve("specs").toString())
                .replace("$LENET", GoldenNetworks.specFile("lenet5")).replace("$NET1D", GoldenNetworks.specFile("net1d"));
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 100, "the corpus has " + cases.size() + " rows");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
    }

    private static void check(Case c) throws Exception {
        Map<String, String> before = snapshot();
        Cli r = run(c.args());
        String all = r.out() + r.err();
        Files.writeString(REPORT, "== " + c.id() + " " + c.args() + "\n" + r + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(c.exit(), r.code(), c + "\n" + r);
        assertTrue(all.contains(c.fragment()), "missing '" + c.fragment() + "'\n" + r);
        noTrace(all, r);
        assertEquals(before, snapshot(), "files changed or left behind\n" + r);
    }

    static void noTrace(String all, Object shown) {
        assertFalse(all.contains("Exception") || all.contains("\tat ") || all.contains("Error:"),
                "a stack trace or exception name reached the user\n" + shown);
    }

    /** The real command line, in-process. */
    static Cli run(List<String> args) {
        return Cli.run(args.toArray(String[]::new));
    }

    /** SHA-256 of every file under the temporary directory; temporary files show up as new entries. */
    static Map<String, String> snapshot() throws Exception {
        Map<String, String> files = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                files.put(dir.relativize(p).toString(),
                        Files.isRegularFile(p) ? HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))) : "dir");
            }
        }
        return files;
    }

    /** Every error file of the reader and shape corpora: exit 1 and each {@code # expect-error} as FILE:LINE:COL. */
    @TestFactory
    Stream<DynamicTest> specCorporaThroughValidate() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path corpus : SPEC_CORPORA) {
            try (Stream<Path> s = Files.list(corpus)) {
                for (Path file : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    List<String[]> expected = expectations(file);
                    if (!expected.isEmpty()) {
                        tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                            Cli r = Cli.run("validate", file.toString());
                            assertEquals(ExitCode.INVALID_INPUT, r.code(), r.toString());
                            for (String[] e : expected) {
                                assertTrue(r.err().contains(file + ":" + e[0] + ":" + e[1] + ": error: ")
                                        && r.err().contains(e[2]), String.join(" ", e) + "\n" + r);
                            }
                            noTrace(r.out() + r.err(), r);
                        }));
                    }
                }
            }
        }
        assertTrue(tests.size() >= 60, "spec corpora: " + tests.size());
        return tests.stream();
    }

    private static List<String[]> expectations(Path file) throws IOException {
        List<String[]> found = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = EXPECT.matcher(line);
            if (m.find()) {
                found.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        return found;
    }

    /** A few rows as a real process: the exit status reaches the shell and stderr has no trace. */
    @Test
    void childProcessExitStatus() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String[][] rows = {
            {"1", "validate", expand("$S/alias_bomb.yaml")},
            {"1", "predict", expand("$LENET"), "--weights", expand("$T/w_header_huge.safetensors"), "x.png"},
            {"2", "predict", "--top", "-1"},
            {"3", "compile", expand("$LENET"), "-o", expand("$T/a_file")},
            {"2", "train", expand("$LENET"), "--threads", "0"},
        };
        for (String[] row : rows) {
            List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, "dev.cnnc.cli.Main"));
            command.addAll(List.of(row).subList(1, row.length));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            assertEquals(Integer.parseInt(row[0]), status, String.join(" ", row) + "\n" + output);
            noTrace(output, output);
            assertFalse(output.isBlank(), "a message for " + String.join(" ", row));
        }
    }
}
