package dev.cnnc.compiler.codegen;

import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;

/**
 * Literal expressions. Strings are escaped here into pure printable ASCII, whatever the
 * platform encoding of {@code javac}: {@code "} as {@code \"}; a backslash as the octal escape
 * {@code \134}, so user text never yields two backslashes in a row; {@code \n}, {@code \t},
 * {@code \r}, {@code \b}, {@code \f} by name and other control characters in octal; every
 * character above ASCII as {@code \\uXXXX}. javac decodes {@code \\u} escapes before lexing,
 * so they are used only for characters that cannot end a literal or a line, and each is
 * preceded by a non-backslash. (JavaParser's {@link StringLiteralExpr#setString} writes a
 * backslash as two, and javac 17 misreads {@code \\ud83d\\\\\\u007f} — a lone surrogate escape,
 * an escaped backslash, then another escape — as an illegal escape; a test found it.)
 */
final class Literals {
    private Literals() {
    }

    static StringLiteralExpr string(String value) {
        StringBuilder b = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\134");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\%03o", (int) c));
                    } else if (c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
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
            throw new IllegalArgumentException("not a double: " + value);
        }
        Expression lit = new DoubleLiteralExpr(Double.toString(Math.abs(value)));
        return value < 0 ? new UnaryExpr(lit, UnaryExpr.Operator.MINUS) : lit;
    }
}
