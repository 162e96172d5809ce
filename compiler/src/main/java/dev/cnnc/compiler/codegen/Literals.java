package dev.cnnc.compiler.codegen;

import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;

/**
 * Literal expressions. Strings go through JavaParser's {@link StringLiteralExpr#setString}
 * escaping, then control characters are written as octal escapes and every character above ASCII
 * as {@code \\uXXXX} (which javac decodes before lexing, so it is used only for characters that
 * cannot end a literal or a line). The generated source is pure ASCII whatever the platform
 * encoding of {@code javac}, and no user text can end a literal or form a Unicode escape (a user
 * backslash always arrives doubled).
 */
final class Literals {
    private Literals() {
    }

    static StringLiteralExpr string(String value) {
        String escaped = new StringLiteralExpr().setString(value).getValue();
        StringBuilder b = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c < 0x20) {
                b.append(String.format("\\%03o", (int) c)); // octal: a \\u escape would be decoded before lexing
            } else if (c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return new StringLiteralExpr().setEscapedValue(b.toString());
    }

    static Expression integer(long value) {
        if (value < 0) {
            return new UnaryExpr(new IntegerLiteralExpr(Long.toString(-value)), UnaryExpr.Operator.MINUS);
        }
        return new IntegerLiteralExpr(Long.toString(value));
    }

    /** A float literal that reads back to exactly {@code value} (finite values only). */
    static Expression floating(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("not a finite float: " + value);
        }
        String text = Float.toString(Math.abs(value)) + "f";
        Expression lit = new DoubleLiteralExpr(text);
        return value < 0 || (value == 0 && 1 / value < 0) ? new UnaryExpr(lit, UnaryExpr.Operator.MINUS) : lit;
    }

    /** A double literal that reads back to exactly {@code value} (finite values only). */
    static Expression doubleValue(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite double: " + value);
        }
        Expression lit = new DoubleLiteralExpr(Double.toString(Math.abs(value)));
        return value < 0 ? new UnaryExpr(lit, UnaryExpr.Operator.MINUS) : lit;
    }
}
