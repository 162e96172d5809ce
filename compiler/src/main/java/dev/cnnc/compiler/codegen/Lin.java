package dev.cnnc.compiler.codegen;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * An integer index {@code c + Σ coef_k · var_k} kept symbolic until emitted, so that every
 * constant part of an index folds into one literal ({@code in[j + 58]}, not {@code in[j + 2*28 + 2]}).
 */
final class Lin {
    private record Term(String var, long coef) {
    }

    private final List<Term> terms;
    private final long constant;

    private Lin(List<Term> terms, long constant) {
        this.terms = List.copyOf(terms);
        this.constant = constant;
    }

    static Lin of(long constant) {
        return new Lin(List.of(), constant);
    }

    static Lin var(String name) {
        return of(0).plus(name, 1);
    }

    Lin plus(long c) {
        return new Lin(terms, Math.addExact(constant, c));
    }

    Lin plus(String var, long coef) {
        if (coef == 0) {
            return this;
        }
        List<Term> list = new ArrayList<>();
        boolean merged = false;
        for (Term t : terms) {
            if (t.var().equals(var)) {
                long c = Math.addExact(t.coef(), coef);
                if (c != 0) {
                    list.add(new Term(var, c));
                }
                merged = true;
            } else {
                list.add(t);
            }
        }
        if (!merged) {
            list.add(new Term(var, coef));
        }
        return new Lin(list, constant);
    }

    Lin plus(Lin other) {
        Lin r = plus(other.constant);
        for (Term t : other.terms) {
            r = r.plus(t.var(), t.coef());
        }
        return r;
    }

    /** Every coefficient and the constant multiplied by {@code factor}. */
    Lin times(long factor) {
        Lin r = of(Math.multiplyExact(constant, factor));
        for (Term t : terms) {
            r = r.plus(t.var(), Math.multiplyExact(t.coef(), factor));
        }
        return r;
    }

    boolean isConstant() {
        return terms.isEmpty();
    }

    long constant() {
        return constant;
    }

    Expression expr() {
        Expression e = null;
        for (Term t : terms) {
            Expression term = t.coef() == 1 ? new NameExpr(t.var())
                    : new BinaryExpr(new NameExpr(t.var()), Literals.integer(Math.abs(t.coef())),
                    BinaryExpr.Operator.MULTIPLY);
            if (e == null) {
                e = t.coef() < 0 ? new BinaryExpr(Literals.integer(0), term, BinaryExpr.Operator.MINUS) : term;
            } else {
                e = new BinaryExpr(e, term, t.coef() < 0 ? BinaryExpr.Operator.MINUS : BinaryExpr.Operator.PLUS);
            }
        }
        if (e == null) {
            return Literals.integer(constant);
        }
        if (constant == 0) {
            return e;
        }
        return new BinaryExpr(e, Literals.integer(Math.abs(constant)),
                constant < 0 ? BinaryExpr.Operator.MINUS : BinaryExpr.Operator.PLUS);
    }
}
