package dev.cnnc.compiler.codegen;

import dev.cnnc.compiler.ir.BatchNormOp;
import dev.cnnc.compiler.ir.DropoutOp;

/**
 * The training code of the ops that see the whole batch at once (batchnorm with batch
 * statistics, dropout with its mask), as PyTorch 1.13 computes them. With {@code m = N·S} values
 * per channel:
 * <pre>
 * training: mean = Σx/m, var = Σ(x − mean)²/m (biased, used to normalise),
 *           running_mean = (1 − momentum)·running_mean + momentum·mean,
 *           running_var  = (1 − momentum)·running_var + momentum·var·m/(m − 1) (unbiased)
 * eval:     mean, var = running_mean, running_var
 * y = act((x − mean)/sqrt(var + eps)·γ + β)
 * backward (training): dx = γ/sqrt(var + eps)·(g − mean(g) − x̂·mean(g·x̂)); dγ = Σ g·x̂; dβ = Σ g
 * backward (eval):     dx = g·γ/sqrt(running_var + eps)
 * </pre>
 * The batch mean and 1/sqrt(var + eps) are kept per channel in {@code tStat[out]} for backward.
 */
final class BatchNormTraining {
    private BatchNormTraining() {
    }

    private static String loopAll(BatchNormOp op, String body) {
        return "for (int n = 0; n < batch; n++) { final int base = n * " + op.out().size() + " + c * "
                + op.spatial() + "; for (int k = base; k < base + " + op.spatial() + "; k++) { " + body + " } }\n";
    }

    static String forward(BatchNormOp op, String name) {
        StringBuilder s = new StringBuilder("private void " + name + "(int batch) {\n");
        s.append(TrainSrc.act("X", op.in())).append(TrainSrc.act("Y", op.out()));
        s.append("final float[] p = params; final double[] st = tStat[").append(op.out().id()).append("];\n");
        s.append("final double m = (double) batch * ").append(op.spatial()).append(";\n");
        s.append("for (int c = 0; c < ").append(op.channels()).append("; c++) {\n");
        s.append("double mean; double var;\n");
        s.append("if (tTraining) {\ndouble sum = 0;\n").append(loopAll(op, "sum += X[k];"));
        s.append("mean = sum / m; double sq = 0;\n").append(loopAll(op, "final double d = X[k] - mean; sq += d * d;"));
        s.append("var = sq / m;\n");
        int rm = op.runningMean().offset();
        int rv = op.runningVar().offset();
        String mom = TrainSrc.d(op.momentum());
        s.append("p[").append(rm).append(" + c] = (float) ((1 - ").append(mom).append(") * p[").append(rm)
                .append(" + c] + ").append(mom).append(" * mean);\n");
        s.append("p[").append(rv).append(" + c] = (float) ((1 - ").append(mom).append(") * p[").append(rv)
                .append(" + c] + ").append(mom).append(" * (m > 1 ? var * m / (m - 1) : var));\n");
        s.append("} else {\nmean = p[").append(rm).append(" + c]; var = p[").append(rv).append(" + c];\n}\n");
        s.append("final double inv = 1.0 / Math.sqrt(var + ").append(TrainSrc.d(op.eps())).append(");\n");
        s.append("st[c] = mean; st[").append(op.channels()).append(" + c] = inv;\n");
        String gamma = "p[" + op.weight().offset() + " + c]";
        s.append("final float scale = (float) (").append(gamma).append(" * inv); final float shift = (float) (p[")
                .append(op.bias().offset()).append(" + c] - mean * ").append(gamma).append(" * inv);\n");
        s.append(loopAll(op, "final float v = X[k] * scale + shift; Y[k] = " + TrainSrc.apply(op.activation(), "v")
                + ";"));
        return s.append("}\n}\n").toString();
    }

    static String backward(BatchNormOp op, String name) {
        StringBuilder s = new StringBuilder("private void " + name + "(int batch, float[] gp) {\n");
        s.append(TrainSrc.act("X", op.in())).append(TrainSrc.act("Y", op.out()));
        s.append(TrainSrc.grad("GX", op.in())).append(TrainSrc.grad("GY", op.out()));
        s.append("final float[] p = params; final double[] st = tStat[").append(op.out().id()).append("];\n");
        s.append("final double m = (double) batch * ").append(op.spatial()).append(";\n");
        s.append("for (int c = 0; c < ").append(op.channels()).append("; c++) {\n");
        s.append("final double mean = st[c]; final double inv = st[").append(op.channels()).append(" + c];\n");
        s.append("final double gamma = p[").append(op.weight().offset()).append(" + c];\n");
        if (!op.activation().isIdentity()) {
            s.append(loopAll(op, "final float y = Y[k]; final float g = GY[k]; GY[k] = "
                    + TrainSrc.derivative(op.activation(), "g", "y") + ";"));
        }
        s.append("double sg = 0; double sgx = 0;\n");
        s.append(loopAll(op, "final double g = GY[k]; sg += g; sgx += g * (X[k] - mean) * inv;"));
        s.append("gp[").append(op.weight().offset()).append(" + c] += (float) sgx; gp[").append(op.bias().offset())
                .append(" + c] += (float) sg;\n");
        s.append("if (tTraining) {\nfinal double mg = sg / m; final double mgx = sgx / m;\n");
        s.append(loopAll(op, "final double xh = (X[k] - mean) * inv; GX[k] += (float) (gamma * inv * (GY[k] - mg "
                + "- xh * mgx));"));
        s.append("} else {\n").append(loopAll(op, "GX[k] += (float) (GY[k] * gamma * inv);")).append("}\n");
        return s.append("}\n}\n").toString();
    }

    /**
     * Inverted dropout (PyTorch): in training each value is kept with probability 1 − rate and
     * scaled by 1/(1 − rate), the mask (0 or that scale) saved in {@code tMask[out]}; otherwise a copy.
     */
    static String dropoutForward(DropoutOp op, String name) {
        StringBuilder s = new StringBuilder("private void " + name + "(int batch) {\n");
        s.append(TrainSrc.act("X", op.in())).append(TrainSrc.act("Y", op.out()));
        s.append("final float[] M = tMask[").append(op.out().id()).append("];\n");
        s.append("final int total = batch * ").append(op.out().size()).append(";\n");
        s.append("if (tTraining) {\nfor (int k = 0; k < total; k++) { final float mk = tRng.nextDouble() < ")
                .append(TrainSrc.d(op.rate())).append(" ? 0f : ").append(TrainSrc.f(1.0 / (1.0 - op.rate())))
                .append("; M[k] = mk; Y[k] = X[k] * mk; }\n");
        s.append("} else {\nSystem.arraycopy(X, 0, Y, 0, total); Arrays.fill(M, 0, total, 1f);\n}\n");
        return s.append("}\n").toString();
    }
}
