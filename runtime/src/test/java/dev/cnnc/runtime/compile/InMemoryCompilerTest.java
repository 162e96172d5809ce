package dev.cnnc.runtime.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryCompilerTest {
    private static final InMemoryCompiler COMPILER = new InMemoryCompiler();

    @Test
    void compilesSeveralFilesAndLoadsThem() throws Exception {
        CompiledClasses classes = COMPILER.compile(Map.of(
                "p/A.java", "package p; public class A { public static int twice(int x) { return B.add(x, x); } }",
                "p/B.java", "package p; class B { static int add(int a, int b) { return a + b; } "
                        + "static final class Inner { } }"));
        assertEquals(java.util.Set.of("p.A", "p.B", "p.B$Inner"), classes.classes().keySet());
        Method twice = classes.load("p.A").getMethod("twice", int.class);
        assertEquals(42, twice.invoke(null, 21));
    }

    @Test
    void warmUpOverlapsAndIsNotACompilation() throws Exception {
        InMemoryCompiler fresh = new InMemoryCompiler();
        fresh.warmUp();
        fresh.warmUp(); // a second call while warming does nothing
        CompiledClasses classes = fresh.compile(Map.of("w/A.java", "package w; public class A { "
                + "public static int three() { return 3; } }"));
        assertEquals(3, classes.load("w.A").getMethod("three").invoke(null));
        assertEquals(1, fresh.compilations(), "the warm-up does not count as a compilation");
        assertEquals(java.util.Set.of("w.A"), classes.classes().keySet(), "nothing of the warm-up leaks in");
    }

    @Test
    void loadedClassesSeeOnlyTheJdk() throws Exception {
        Class<?> a = COMPILER.compile(Map.of("q/A.java", "package q; public class A { }")).load("q.A");
        assertEquals(ClassLoader.getPlatformClassLoader(), a.getClassLoader().getParent());
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName(InMemoryCompilerTest.class.getName(), false, a.getClassLoader()));
    }

    @Test
    void classPathIsEmpty() {
        // cnnc's own classes are on this JVM's class path; generated code must not be able to use them
        CompilationException e = assertThrows(CompilationException.class, () -> COMPILER.compile(Map.of(
                "r/A.java", "package r; public class A { dev.cnnc.compiler.shape.Shape s; }")));
        assertTrue(e.getMessage().contains("r/A.java:1:"), e.getMessage());
    }

    @Test
    void targetsJava17() {
        // a Java 21 feature (pattern matching in switch) must be refused under --release 17
        assertThrows(CompilationException.class, () -> COMPILER.compile(Map.of("s/A.java",
                "package s; public class A { static int f(Object o) { return switch (o) { "
                        + "case String t -> 1; default -> 0; }; } }")));
    }

    @Test
    void errorsListEveryDiagnosticWithPosition() {
        CompilationException e = assertThrows(CompilationException.class, () -> COMPILER.compile(Map.of(
                "t/A.java", "package t;\npublic class A {\n  int x = \"no\";\n  void f() { undefined(); }\n}\n")));
        assertEquals(2, e.diagnostics().size(), e.getMessage());
        assertTrue(e.diagnostics().get(0).startsWith("t/A.java:3:11: error: "), e.diagnostics().get(0));
        assertTrue(e.diagnostics().get(1).startsWith("t/A.java:4:14: error: "), e.diagnostics().get(1));
        assertTrue(e.getMessage().contains("cnnc bug"), e.getMessage());
        assertTrue(e.getMessage().contains("2 errors, the first: t/A.java:3:11: error: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line for 'cnnc: internal error: ...'");
        assertTrue(e.getCause().getMessage().contains("t/A.java:4:14: error: "), e.getCause().getMessage());
    }

    @Test
    void countsCompilations() {
        long before = COMPILER.compilations();
        COMPILER.compile(Map.of("u/A.java", "package u; public class A { }"));
        assertEquals(before + 1, COMPILER.compilations());
    }
}
