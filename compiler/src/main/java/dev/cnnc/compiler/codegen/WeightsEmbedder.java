package dev.cnnc.compiler.codegen;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Embeds parameters as Base64 text of little-endian float32 values, split into string constants
 * of {@value #CHUNK} characters (a class-file string is at most 65535 bytes) held by nested
 * classes of at most {@value #CHUNKS_PER_CLASS} strings each (each class has its own constant
 * pool); never one literal per weight.
 */
final class WeightsEmbedder {
    static final int CHUNK = 60_000;
    static final int CHUNKS_PER_CLASS = 64;
    static final String HOLDER_PREFIX = "Weights";

    private WeightsEmbedder() {
    }

    /** Adds the holder classes and {@code embeddedParams()} to {@code cls}. */
    static void embed(ClassOrInterfaceDeclaration cls, Optional<float[]> weights, int paramCount) {
        MethodDeclaration m = cls.addMethod("embeddedParams", Modifier.Keyword.PRIVATE, Modifier.Keyword.STATIC);
        m.setType(new ArrayType(Ast.FLOAT));
        BlockStmt body = new BlockStmt();
        m.setBody(body);
        if (weights.isEmpty()) {
            body.addStatement(new ReturnStmt(new NullLiteralExpr()));
            return;
        }
        float[] params = weights.get();
        if (params.length != paramCount) {
            throw new IllegalArgumentException("embedded weights have " + params.length + " floats, the model needs "
                    + paramCount);
        }
        ByteBuffer bytes = ByteBuffer.allocate(4 * params.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(params);
        String text = Base64.getEncoder().encodeToString(bytes.array());
        List<String> chunks = new ArrayList<>();
        for (int at = 0; at < text.length(); at += CHUNK) {
            chunks.add(text.substring(at, Math.min(text.length(), at + CHUNK)));
        }
        NodeList<Expression> args = new NodeList<>(Literals.integer(paramCount));
        for (int k = 0; k * CHUNKS_PER_CLASS < chunks.size(); k++) {
            String holder = HOLDER_PREFIX + k;
            List<String> part = chunks.subList(k * CHUNKS_PER_CLASS,
                    Math.min(chunks.size(), (k + 1) * CHUNKS_PER_CLASS));
            cls.addMember(holder(holder, part));
            args.add(new MethodCallExpr(new NameExpr(holder), "chunks"));
        }
        body.addStatement(new ReturnStmt(new MethodCallExpr(null, "decodeFloats", args)));
    }

    private static ClassOrInterfaceDeclaration holder(String name, List<String> chunks) {
        ClassOrInterfaceDeclaration c = new ClassOrInterfaceDeclaration(new NodeList<>(Modifier.privateModifier(),
                Modifier.staticModifier(), Modifier.finalModifier()), false, name);
        MethodDeclaration m = c.addMethod("chunks", Modifier.Keyword.STATIC);
        ClassOrInterfaceType string = new ClassOrInterfaceType(null, "String");
        m.setType(new ArrayType(string));
        NodeList<Expression> values = new NodeList<>();
        chunks.forEach(s -> values.add(Literals.string(s)));
        m.setBody(new BlockStmt().addStatement(new ReturnStmt(new ArrayCreationExpr(string.clone(),
                new NodeList<>(new com.github.javaparser.ast.ArrayCreationLevel()), new ArrayInitializerExpr(values)))));
        return c;
    }
}
