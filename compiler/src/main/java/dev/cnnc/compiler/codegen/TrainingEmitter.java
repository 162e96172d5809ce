package dev.cnnc.compiler.codegen;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import dev.cnnc.compiler.ir.BatchNormOp;
import dev.cnnc.compiler.ir.Buffer;
import dev.cnnc.compiler.ir.DropoutOp;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.ir.NormalizeOp;
import dev.cnnc.compiler.ir.Op;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Adds the training members to a model class, separate from the allocation-free inference
 * {@code forward}:
 * <ul>
 *   <li>{@code forwardTrain(float[] inputs, int batch, float[] outputs, boolean training)} runs
 *   the batch op by op, keeping every buffer of every sample in {@code tAct} (batch stores grown
 *   only when a bigger batch arrives). Per-sample ops reuse the inference kernels: the sample's
 *   inputs are copied into the kernel's buffers, the kernel runs, its output is saved. Batchnorm
 *   (batch statistics when {@code training}) and dropout (a seeded mask when {@code training})
 *   see the whole batch. The outputs are the logits: when the network ends in softmax, the
 *   values before it ({@code LOGITS_BEFORE_SOFTMAX}), so the trainer's cross-entropy applies
 *   its own softmax.</li>
 *   <li>{@code backward(float[] gradOutputs, int batch, float[] grads)} takes dL/d(logits) of the
 *   preceding {@code forwardTrain} and overwrites {@code grads} (the parameter layout) with
 *   dL/d(params) summed over the batch; batchnorm running statistics get 0.
 *   {@code inputGradients(float[])} then gives dL/d(input) per sample; the backward steps that
 *   only lead to it (no parameter upstream of their input) run there, on its first call.</li>
 *   <li>{@code setDropoutSeed(long)}; {@code parameters()} (the template's) is the live array
 *   the kernels read, so an optimizer may update it in place.</li>
 * </ul>
 */
final class TrainingEmitter {
    private static final int CALLS_PER_METHOD = ModelClassBuilder.CALLS_PER_METHOD;
    private final ModelIr ir;
    private final Names names;
    private final EmitContext ctx;
    private final List<List<String>> kernels;
    private final ClassOrInterfaceDeclaration cls;
    private final Buffer logits;
    private final int lastOp;

    /**
     * @param kernels the names of the inference kernel methods of each op, in op order (the
     *                normalize kernel takes the sample as its parameter)
     */
    TrainingEmitter(ModelIr ir, Names names, EmitContext ctx, List<List<String>> kernels,
                    ClassOrInterfaceDeclaration cls) {
        this.ir = ir;
        this.names = names;
        this.ctx = ctx;
        this.kernels = kernels;
        this.cls = cls;
        this.logits = ir.logits();
        // ModelIr.logits(): when it differs from the output, the last op is the final softmax, skipped here
        this.lastOp = logits.id() != ir.output().id() ? ir.ops().size() - 1 : ir.ops().size();
    }

    /** Member names the training code uses; reserve them before allocating any other. */
    static String[] memberNames() {
        return new String[] {"forwardTrain", "backward", "inputGradients", "setDropoutSeed", "ensureTrain", "tAct",
            "tGrad", "tMask", "tStat", "tCap", "tBatch", "tInputDone", "tTraining", "tRng", "BUF_SIZES",
            "LOGITS_BEFORE_SOFTMAX"};
    }

    private void add(String source) {
        BodyDeclaration<?> member = StaticJavaParser.parseBodyDeclaration(source);
        cls.addMember(member);
    }

    void emit() {
        fields();
        List<String> forwardCalls = new ArrayList<>();
        for (int k = 0; k < lastOp; k++) {
            forwardCalls.add(forwardStep(ir.ops().get(k), kernels.get(k)) + "(batch);");
        }
        // buffers with a parameter upstream: only their gradients matter to dL/d(params)
        Set<Integer> upstream = new HashSet<>();
        for (int k = 0; k < lastOp; k++) {
            Op op = ir.ops().get(k);
            if (!op.params().isEmpty() || op.inputs().stream().anyMatch(b -> upstream.contains(b.id()))) {
                upstream.add(op.output().id());
            }
        }
        BackwardEmitter backward = new BackwardEmitter(names, ctx);
        List<String> backwardCalls = new ArrayList<>();
        List<String> inputCalls = new ArrayList<>();
        for (int k = lastOp - 1; k >= 0; k--) {
            Op op = ir.ops().get(k);
            boolean inputOnly = op.inputs().stream().noneMatch(b -> upstream.contains(b.id()));
            backward.deferInputGradient(inputOnly);
            String text = op.accept(backward);
            BodyDeclaration<?> m = StaticJavaParser.parseBodyDeclaration(text);
            cls.addMember(m);
            backward.takeHelpers().forEach(this::add);
            String call = m.asMethodDeclaration().getNameAsString() + "(batch, grads);";
            if (inputOnly && op.params().isEmpty()) {
                inputCalls.add(call);
            } else {
                backwardCalls.add(call);
            }
            backward.takeDeferred().ifPresent(name -> inputCalls.add(name + "(batch);"));
        }
        add("/** Trains-mode forward of {@code batch} samples (inputs in [0, 1]) into their logits (see the class "
                + "notes on training). */\npublic void forwardTrain(float[] inputs, int batch, float[] outputs, "
                + "boolean training) {\n"
                + "if (batch < 1 || inputs.length < (long) batch * INPUT_SIZE || outputs.length < (long) batch * "
                + "OUTPUT_SIZE) { throw new IllegalArgumentException(\"forwardTrain: batch \" + batch + \" needs \" "
                + "+ (long) batch * INPUT_SIZE + \" inputs and \" + (long) batch * OUTPUT_SIZE + \" outputs, got \" "
                + "+ inputs.length + \" and \" + outputs.length); }\n"
                + "ensureTrain(batch); tBatch = batch; tTraining = training;\n"
                + EmitContext.PARAMETERS_CHANGED + "(); // the optimizer changed params in place\n"
                + "System.arraycopy(inputs, 0, tAct[" + ir.input().id() + "], 0, batch * INPUT_SIZE);\n"
                + String.join("\n", partition(forwardCalls, "(int batch)", "train_"))
                + "\nSystem.arraycopy(tAct[" + logits.id() + "], 0, outputs, 0, batch * OUTPUT_SIZE);\n}");
        add("/** dL/d(params) of the last forwardTrain from dL/d(logits), summed over the batch, into {@code grads} "
                + "(overwritten, PARAM_COUNT floats). */\npublic void backward(float[] gradOutputs, int batch, "
                + "float[] grads) {\n"
                + "if (batch != tBatch) { throw new IllegalStateException(\"backward for batch \" + batch + \" after a "
                + "forwardTrain of \" + tBatch); }\n"
                + "if (grads.length != PARAM_COUNT || gradOutputs.length < (long) batch * OUTPUT_SIZE) { throw new "
                + "IllegalArgumentException(\"backward needs \" + PARAM_COUNT + \" gradients and \" + (long) batch * "
                + "OUTPUT_SIZE + \" output gradients, got \" + grads.length + \" and \" + gradOutputs.length); }\n"
                + "Arrays.fill(grads, 0f);\n"
                + "for (int b = 0; b < BUF_SIZES.length; b++) { Arrays.fill(tGrad[b], 0, batch * BUF_SIZES[b], 0f); }\n"
                + "System.arraycopy(gradOutputs, 0, tGrad[" + logits.id() + "], 0, batch * OUTPUT_SIZE);\n"
                + String.join("\n", partition(backwardCalls, "(int batch, float[] grads)", "grad_"))
                + "\ntInputDone = false;\n}");
        // the backward steps that only lead to dL/d(input) run when it is asked for (training never does)
        add("/** dL/d(input) of each sample of the last backward ({@code batch × INPUT_SIZE} floats). */\n"
                + "public void inputGradients(float[] out) {\nif (!tInputDone) {\nfinal int batch = tBatch; "
                + "final float[] grads = null;\n"
                + String.join("\n", partition(inputCalls, "(int batch, float[] grads)", "input_"))
                + "\ntInputDone = true;\n}\nSystem.arraycopy(tGrad[" + ir.input().id()
                + "], 0, out, 0, tBatch * INPUT_SIZE);\n}");
        add("/** Seeds the dropout masks of the following training forwards. */\npublic void setDropoutSeed(long seed)"
                + " { tRng = new java.util.SplittableRandom(seed); }");
    }

    /** Calls as statements, moved into helper methods of at most {@link #CALLS_PER_METHOD} calls when many. */
    private List<String> partition(List<String> calls, String params, String prefix) {
        if (calls.size() <= CALLS_PER_METHOD) {
            return calls;
        }
        List<String> out = new ArrayList<>();
        String args = params.contains("grads") ? "(batch, grads);" : "(batch);";
        for (int at = 0; at < calls.size(); at += CALLS_PER_METHOD) {
            String name = names.allocate(prefix, "part");
            add("private void " + name + params + " {\n"
                    + String.join("\n", calls.subList(at, Math.min(calls.size(), at + CALLS_PER_METHOD))) + "\n}");
            out.add(name + args);
        }
        return out;
    }

    private void fields() {
        StringBuilder sizes = new StringBuilder();
        for (Buffer b : ir.buffers()) {
            sizes.append(sizes.length() == 0 ? "" : ", ").append(b.size());
        }
        int count = ir.buffers().size();
        add("private static final int[] BUF_SIZES = {" + sizes + "};");
        add("/** Whether forwardTrain's outputs and backward's gradients are the values before a final softmax. */\n"
                + "public static final boolean LOGITS_BEFORE_SOFTMAX = " + (logits.id() != ir.output().id()) + ";");
        add("private final float[][] tAct = new float[" + count + "][];");
        add("private final float[][] tGrad = new float[" + count + "][];");
        add("private final float[][] tMask = new float[" + count + "][];");
        add("private final double[][] tStat = new double[" + count + "][];");
        add("private int tCap;");
        add("private int tBatch = -1;");
        add("private boolean tInputDone;");
        add("private boolean tTraining;");
        add("private java.util.SplittableRandom tRng = new java.util.SplittableRandom(0);");
        StringBuilder ensure = new StringBuilder("private void ensureTrain(int batch) {\nif (batch <= tCap) { return; }\n"
                + "for (int b = 0; b < BUF_SIZES.length; b++) { final int size = Math.multiplyExact(batch, "
                + "BUF_SIZES[b]); tAct[b] = new float[size]; tGrad[b] = new float[size]; }\n");
        for (Op op : ir.ops()) {
            if (op instanceof DropoutOp d) {
                ensure.append("tMask[").append(d.out().id()).append("] = new float[batch * ").append(d.out().size())
                        .append("];\n");
            } else if (op instanceof BatchNormOp bn) {
                ensure.append("tStat[").append(bn.out().id()).append("] = new double[").append(2 * bn.channels())
                        .append("];\n");
            }
        }
        add(ensure.append("tCap = batch;\n}").toString());
    }

    /** Adds the training forward of one op and returns its name. */
    private String forwardStep(Op op, List<String> kernelNames) {
        String name = names.allocate("train_", op.layer());
        if (op instanceof BatchNormOp bn) {
            add(BatchNormTraining.forward(bn, name));
            return name;
        }
        if (op instanceof DropoutOp d) {
            add(BatchNormTraining.dropoutForward(d, name));
            return name;
        }
        // CHUNK samples at a time through the inference kernels: copied into the buffers' slots, run, saved
        StringBuilder s = new StringBuilder("private void " + name + "(int batch) {\n");
        s.append("for (int n = 0; n < batch; n += CHUNK) {\nfinal int count = Math.min(CHUNK, batch - n);\n");
        if (!(op instanceof NormalizeOp)) {
            Set<Integer> seen = new LinkedHashSet<>();
            s.append("for (int slot = 0; slot < count; slot++) {\n");
            for (Buffer in : op.inputs()) {
                if (seen.add(in.id())) {
                    s.append("System.arraycopy(tAct[").append(in.id()).append("], (n + slot) * ").append(in.size())
                            .append(", this.").append(ctx.field(in)).append("[slot], 0, ").append(in.size())
                            .append(");\n");
                }
            }
            s.append("}\n");
        }
        for (String k : kernelNames) {
            s.append(k).append(op instanceof NormalizeOp
                    ? "(tAct[" + ((NormalizeOp) op).in().id() + "], n * INPUT_SIZE, count);\n" : "(count);\n");
        }
        Buffer out = op.output();
        s.append("for (int slot = 0; slot < count; slot++) {\n");
        s.append("System.arraycopy(this.").append(ctx.field(out)).append("[slot], 0, tAct[").append(out.id())
                .append("], (n + slot) * ").append(out.size()).append(", ").append(out.size()).append(");\n}\n");
        return add(s.append("}\n}").toString(), name);
    }

    private String add(String source, String name) {
        add(source);
        return name;
    }
}
