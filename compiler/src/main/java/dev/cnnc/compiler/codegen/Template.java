package dev.cnnc.compiler.codegen;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The model-independent members of every generated class (safetensors reader, predict, classify,
 * main, ...), kept as a Java source resource, {@code ModelSupport.java.template}, and parsed with
 * JavaParser. Members marked {@code @Stub} only make the template self-contained; the generator
 * emits the real ones. The template contains no user text.
 */
final class Template {
    static final String PLACEHOLDER = "ModelSupport";
    private static final String RESOURCE = "ModelSupport.java.template";
    private static final String STUB = "Stub";
    private static final CompilationUnit UNIT = parse();

    private Template() {
    }

    private static CompilationUnit parse() {
        try (InputStream in = Template.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JavaParser parser = new JavaParser(new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
            ParseResult<CompilationUnit> result = parser.parse(text);
            return result.getResult().filter(r -> result.isSuccessful())
                    .orElseThrow(() -> new IllegalStateException("bad template: " + result.getProblems()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClassOrInterfaceDeclaration supportClass() {
        return UNIT.getClassByName(PLACEHOLDER).orElseThrow();
    }

    static List<ImportDeclaration> imports() {
        List<ImportDeclaration> list = new ArrayList<>();
        UNIT.getImports().forEach(i -> list.add(i.clone()));
        return list;
    }

    /** Simple names of the imported classes: a model class may not take one of these names. */
    static Set<String> importedSimpleNames() {
        Set<String> names = new TreeSet<>();
        UNIT.getImports().forEach(i -> names.add(i.getName().getIdentifier()));
        return names;
    }

    /** Every member name of the template, stubs included: the generator must not reuse them. */
    static Set<String> memberNames() {
        Set<String> names = new TreeSet<>();
        for (BodyDeclaration<?> m : supportClass().getMembers()) {
            if (m instanceof MethodDeclaration md) {
                names.add(md.getNameAsString());
            } else if (m instanceof FieldDeclaration fd) {
                fd.getVariables().forEach(v -> names.add(v.getNameAsString()));
            } else if (m instanceof TypeDeclaration<?> td) {
                names.add(td.getNameAsString());
            }
        }
        return names;
    }

    /** Names of nested types the generated class will contain. */
    static Set<String> nestedTypeNames() {
        Set<String> names = new TreeSet<>();
        for (BodyDeclaration<?> m : supportClass().getMembers()) {
            if (m instanceof TypeDeclaration<?> td) {
                names.add(td.getNameAsString());
            }
        }
        return names;
    }

    /** Copies of the non-stub members with {@code ModelSupport} renamed to {@code className}. */
    static List<BodyDeclaration<?>> members(String className) {
        List<BodyDeclaration<?>> list = new ArrayList<>();
        for (BodyDeclaration<?> m : supportClass().getMembers()) {
            if (isStub(m)) {
                continue;
            }
            BodyDeclaration<?> copy = m.clone();
            rename(copy, className);
            list.add(copy);
        }
        return list;
    }

    private static boolean isStub(BodyDeclaration<?> m) {
        if (m instanceof TypeDeclaration<?> td && td.getNameAsString().equals(STUB)) {
            return true;
        }
        return m.isAnnotationPresent(STUB);
    }

    private static void rename(Node node, String className) {
        node.findAll(ClassOrInterfaceType.class).stream().filter(t -> t.getNameAsString().equals(PLACEHOLDER))
                .forEach(t -> t.setName(className));
        node.findAll(NameExpr.class).stream().filter(n -> n.getNameAsString().equals(PLACEHOLDER))
                .forEach(n -> n.setName(className));
        node.findAll(ConstructorDeclaration.class).stream().filter(c -> c.getNameAsString().equals(PLACEHOLDER))
                .forEach(c -> c.setName(className));
        node.findAll(StringLiteralExpr.class).forEach(s -> s.setValue(s.getValue().replace(PLACEHOLDER, className)));
        for (Comment c : node.getAllContainedComments()) {
            c.setContent(c.getContent().replace(PLACEHOLDER, className));
        }
        node.getComment().ifPresent(c -> c.setContent(c.getContent().replace(PLACEHOLDER, className)));
    }
}
