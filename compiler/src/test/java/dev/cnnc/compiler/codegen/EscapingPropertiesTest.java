package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.cnnc.compiler.testing.InMemoryJavac;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.lang.model.SourceVersion;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Escaping of user text into literals, and identifiers from user text, for arbitrary strings. */
class EscapingPropertiesTest {
    private static final String NASTY = "\\\"'*/u0022a\n\r\t\u0000\u007f\u2028\u00e9\ud83d\ude00 ";

    /** javac reads back exactly the string we escaped, for 300 random strings of hostile characters. */
    @Test
    void javacReadsBackEveryEscapedString() throws Exception {
        Random r = new Random(42);
        List<String> values = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            StringBuilder b = new StringBuilder();
            int length = r.nextInt(30);
            for (int i = 0; i < length; i++) {
                b.append(r.nextInt(4) == 0 ? (char) r.nextInt(0x10000) : NASTY.charAt(r.nextInt(NASTY.length())));
            }
            values.add(b.toString());
        }
        CompilationUnit cu = new CompilationUnit();
        ClassOrInterfaceDeclaration cls = cu.addClass("Strings", Modifier.Keyword.PUBLIC);
        NodeList<Expression> literals = new NodeList<>();
        values.forEach(v -> literals.add(Literals.string(v)));
        cls.addFieldWithInitializer(new ArrayType(new ClassOrInterfaceType(null, "String")), "VALUES",
                new ArrayInitializerExpr(literals), Modifier.Keyword.PUBLIC, Modifier.Keyword.STATIC,
                Modifier.Keyword.FINAL);
        String source = cu.toString();
        assertTrue(source.chars().allMatch(c -> c == '\n' || c == '\r' || c >= 0x20 && c < 0x7f), "ASCII source");
        Class<?> loaded = InMemoryJavac.compile(java.util.Map.of("Strings.java", source)).load("Strings");
        String[] back = (String[]) loaded.getField("VALUES").get(null);
        assertEquals(values, List.of(back));
    }

    @Property
    void allocatedNamesAreFreshJavaIdentifiers(@ForAll List<String> hints) {
        Names names = new Names();
        names.reserve("forward", "params");
        Set<String> seen = new HashSet<>(Set.of("forward", "params"));
        for (String hint : hints) {
            String name = names.allocate("layer_", hint);
            assertTrue(SourceVersion.isName(name) && Names.isIdentifier(name), name);
            assertTrue(name.length() <= Names.MAX_LENGTH + 8, name);
            assertTrue(seen.add(name), "allocated twice: " + name);
        }
    }

    @Property
    void derivedClassNamesAreValidAndFree(@ForAll String specName) {
        Set<String> jdk = ModelClassBuilder.reservedTypeNames();
        String name = ClassNames.derive(specName, jdk);
        assertTrue(SourceVersion.isName(name) && Names.isIdentifier(name) && !jdk.contains(name), name);
        assertTrue(name.length() <= ClassNames.MAX_LENGTH + 10, name);
    }

    @Property
    void headerTextNeverOpensOrClosesAComment(@ForAll String text) {
        String safe = Provenance.safe(text, 1000);
        assertTrue(!safe.contains("*/") && !safe.contains("/*") && !safe.contains("\\") && !safe.contains("\n"),
                safe);
    }
}
