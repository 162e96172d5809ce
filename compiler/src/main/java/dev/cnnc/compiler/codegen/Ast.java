package dev.cnnc.compiler.codegen;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;

/** Small factories for the JavaParser nodes the kernels are made of. */
final class Ast {
    static final Type FLOAT = PrimitiveType.floatType();
    static final Type INT = PrimitiveType.intType();
    static final Type DOUBLE = PrimitiveType.doubleType();

    private Ast() {
    }

    static NameExpr name(String n) {
        return new NameExpr(n);
    }

    static Expression field(String n) {
        return new FieldAccessExpr(new ThisExpr(), n);
    }

    static Expression at(String array, Lin index) {
        return new ArrayAccessExpr(name(array), index.expr());
    }

    static Expression at(String array, Expression index) {
        return new ArrayAccessExpr(name(array), index);
    }

    static Expression bin(Expression a, BinaryExpr.Operator op, Expression b) {
        return new BinaryExpr(a, b, op);
    }

    static Expression plus(Expression a, Expression b) {
        return a == null ? b : new BinaryExpr(a, b, BinaryExpr.Operator.PLUS);
    }

    static Expression times(Expression a, Expression b) {
        return new BinaryExpr(a, b, BinaryExpr.Operator.MULTIPLY);
    }

    static Expression call(String scope, String method, Expression... args) {
        return new MethodCallExpr(scope == null ? null : name(scope), method, new NodeList<>(args));
    }

    static Expression cast(Type type, Expression e) {
        return new CastExpr(type, e);
    }

    static Expression neg(Expression e) {
        return new UnaryExpr(e, UnaryExpr.Operator.MINUS);
    }

    static Statement assign(Expression target, Expression value) {
        return new ExpressionStmt(new AssignExpr(target, value, AssignExpr.Operator.ASSIGN));
    }

    static Statement addAssign(Expression target, Expression value) {
        return new ExpressionStmt(new AssignExpr(target, value, AssignExpr.Operator.PLUS));
    }

    static Expression paren(Expression e) {
        return new com.github.javaparser.ast.expr.EnclosedExpr(e);
    }

    static Statement stmt(Expression e) {
        return new ExpressionStmt(e);
    }

    /** {@code final TYPE name = init;} */
    static Statement local(Type type, String name, Expression init) {
        VariableDeclarationExpr d = new VariableDeclarationExpr(new VariableDeclarator(type, name, init));
        d.addModifier(Modifier.Keyword.FINAL);
        return new ExpressionStmt(d);
    }

    /** {@code TYPE name = init;} (mutable). */
    static Statement var(Type type, String name, Expression init) {
        return new ExpressionStmt(new VariableDeclarationExpr(new VariableDeclarator(type, name, init)));
    }

    /** {@code for (int v = from; v < to; v++) body}. */
    static Statement loop(String v, Expression from, Expression to, BlockStmt body) {
        VariableDeclarationExpr init = new VariableDeclarationExpr(new VariableDeclarator(INT, v, from));
        Expression cond = new BinaryExpr(name(v), to, BinaryExpr.Operator.LESS);
        Expression update = new UnaryExpr(name(v), UnaryExpr.Operator.POSTFIX_INCREMENT);
        return new ForStmt(new NodeList<>(init), cond, new NodeList<>(update), body);
    }

    /** {@code for (int v = from; v < to; v += step) body}. */
    static Statement loop(String v, long from, long to, long step, BlockStmt body) {
        VariableDeclarationExpr init = new VariableDeclarationExpr(new VariableDeclarator(INT, v,
                Literals.integer(from)));
        Expression cond = new BinaryExpr(name(v), Literals.integer(to), BinaryExpr.Operator.LESS);
        Expression update = new AssignExpr(name(v), Literals.integer(step), AssignExpr.Operator.PLUS);
        return new ForStmt(new NodeList<>(init), cond, new NodeList<>(update), body);
    }

    static Statement loop(String v, long from, long to, BlockStmt body) {
        return loop(v, Literals.integer(from), Literals.integer(to), body);
    }
}
