package dev.cnnc.compiler.codegen;

import dev.cnnc.compiler.ir.ConvOp;
import dev.cnnc.compiler.ir.Window;
import dev.cnnc.spec.model.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Emits the backward pass of a stride-1, ungrouped {@link ConvOp} in the loop shape C2's
 * auto-vectoriser (SuperWord, JDK 17) turns into SIMD code, as {@link ConvColumnsEmitter} does
 * for the forward: every array of a hot loop is a separate row indexed by the loop variable alone,
 * with at most {@link CostModel#COLUMNS_TERMS} multiply-adds per statement. Per sample:
 * <ul>
 *   <li><b>dx</b>: the output gradient {@code G[oc]} (the fused activation's derivative applied)
 *   is laid out at the padded input's pitch {@code PW} (column {@code q = oh·PW + ow}); gradient
 *   column {@code gcol[oc·taps + t]} is that row shifted by the tap's offset
 *   {@code off_t = kh·dh·PW + kw·dw} into a row as long as the padded input plane
 *   ({@code System.arraycopy}; the margins are never written and stay zero). Then per input
 *   channel {@code dx[c][y] += Σ_{oc,t} W[oc][c][t] · gcol[oc·taps + t][y]}, with the weights
 *   transposed once per batch into {@code wT[c][oc·taps + t]}. Output channels are processed in
 *   blocks whose gradient columns stay within {@link CostModel#COLUMNS_BLOCK_FLOATS}. dx runs
 *   on {@code CHUNK} samples at a time ({@link ChunkPlan}), side by side in the rows (sample
 *   {@code s} at columns {@code s·plane ..}), after the loop over the samples has applied the
 *   fused activation's derivative to all of them.</li>
 *   <li><b>dW</b> (when the reduction axis {@code C·taps} is long enough to vectorise,
 *   {@link #MIN_COLUMN_T}): the transposed im2col {@code colT[q][c·taps + t] = x[c][q + off_t]}
 *   of the valid output cells, in blocks of rows (without dilation along the width, in the order
 *   {@code t·C + c}, copied from a channel-minor copy of the input: {@link #windowRows}), and per
 *   output channel an axpy over
 *   {@code k = c·taps + t}: {@code dw[oc][k] += Σ_{i<4} G[oc][q_i] · colT[q_i][k]} over the cells
 *   {@code q_i} whose gradient is not zero (gathered first without a branch), accumulated
 *   over the batch in a scratch and added to the gradients at the end. A bias gets a last column
 *   of ones, so its row entry is db. Shorter axes keep {@link ConvBackwardEmitter}'s accumulator
 *   per tap and sum db per channel.</li>
 * </ul>
 * With {@link GeneratorOptions#vectorApi()}, dx is {@link VectorProducts#dx} instead: the
 * register-blocked kernel of the forward, run on the output gradient with the transposed weights;
 * and dW sums vectors of the chunk's columns ({@link #vectorDw}).
 * The sums are the same as {@link ConvBackwardEmitter}'s in another order. Per sample means
 * {@code (int xs, int ys)}: the sample's offsets in the batch arrays.
 */
final class ConvBackwardColumnsEmitter {
    /**
     * Shortest {@code C·taps} for which dW uses the transposed im2col: C2's vector loop is unrolled
     * and handles the remainder in scalar pre/post loops, so short rows gain nothing.
     */
    static final int MIN_COLUMN_T = 16;
    /**
     * Shortest row {@code taps·C} of the gathered dx ({@link #gathersDx}): VGG-small's rows of 288
     * and 576 floats ran 1.6-4.0x faster than the dense dx, and LeNet-5 (conv2: 150) trained about
     * 10% faster; the 1-D example's conv2 (rows of 80, about half its gradient zero, the dense
     * kernel on chunks of 8 samples) trained 5-10% slower with it (docs/performance.md,
     * "Gathered dx").
     */
    static final int MIN_GATHERED_ROW = 96;
    /**
     * The most output channels and the most weights per register block of the vector dW (the
     * largest of 4, 3, 2, 1 dividing the count, so no remainder block): up to 16 vector sums.
     */
    private static final int BLOCK = 4;
    private final EmitContext ctx;
    private final Names names;
    private final ConvOp op;
    private final Window h;
    private final Window w;
    private final int taps;
    private final int channels;
    private final int outChannels;
    private final int plane;
    private final int span;
    private final int ohw;
    /** Output channels per block of gradient columns, and rows per block. */
    private final int ocBlock;
    private final int gRows;
    /** C·taps, and the length of a dW row: one more with a bias (its column of ones gives db). */
    private final int k;
    private final int kk;
    /** Rows of the transposed im2col per block (a multiple of the group size when possible). */
    private final int qBlock;
    private final List<String> helpers = new ArrayList<>();
    private String deferredName;

    static boolean applies(ConvOp op) {
        return ConvColumnsEmitter.applies(op);
    }

    ConvBackwardColumnsEmitter(EmitContext ctx, Names names, ConvOp op) {
        if (!applies(op)) {
            throw new IllegalArgumentException("not a stride-1 ungrouped convolution: " + op.layer());
        }
        this.ctx = ctx;
        this.names = names;
        this.op = op;
        this.h = op.h();
        this.w = op.w();
        this.taps = op.taps();
        this.channels = op.inChannels();
        this.outChannels = op.outChannels();
        this.plane = h.in() * w.in();
        this.span = ConvColumnsEmitter.span(op);
        this.ohw = h.out() * w.out();
        this.ocBlock = ConvColumnsEmitter.blockChannels(outChannels, (long) taps * plane * ctx.chunk());
        this.gRows = ocBlock * taps;
        this.k = channels * taps;
        this.kk = k + (op.bias().isPresent() ? 1 : 0);
        int group = CostModel.COLUMNS_TERMS;
        long rowsFit = Math.max(group, CostModel.COLUMNS_BLOCK_FLOATS / kk / group * group);
        this.qBlock = (int) Math.min(ohw, rowsFit);
    }

    /** Whether dW uses the transposed im2col (else the per-tap accumulators). */
    boolean columnsForWeights() {
        return k >= MIN_COLUMN_T;
    }

    /** The method {@code (int batch)} adding dx of every sample, when {@link #emit} deferred it. */
    Optional<String> deferred() {
        return Optional.ofNullable(deferredName);
    }

    /** Helper methods the main method calls; valid after {@link #emit}. */
    List<String> helpers() {
        return List.copyOf(helpers);
    }

    /**
     * The method text, named {@code name}, taking {@code (int batch, float[] gp)}; with
     * {@code deferDx} it leaves dx to the method {@link #deferred} names.
     */
    String emit(String name, boolean deferDx) {
        boolean vectors = ctx.vectorApi() && VectorProducts.appliesToDx(op);
        boolean gathered = !vectors && gathersDx(op);
        // the gathered dx reads the weights as wk[oc][(kh·KW + kw)·C + c], the others as wT[c][oc·taps + t]
        String wT = gathered ? ctx.scratch("wk_", op.layer(), outChannels, taps * channels)
                : ctx.scratch("wT_", op.layer(), channels, outChannels * taps);
        int chunkColumns = plane * ctx.chunk();
        String dx = names.allocate(name + "_", "dx");
        String g = null;
        if (vectors) {
            ctx.usesVectors();
            // one vector more than dx reads: dW's sums run to a whole number of vectors
            g = ctx.scratch("gpad_", op.layer(), outChannels,
                    Math.toIntExact(chunkColumns + VectorProducts.dxMargin(op) + VectorProducts.MAX_LANES));
            String dacc = ctx.scratch("dacc_", op.layer(), channels, chunkColumns);
            helpers.add(vectorDx(dx, wT, g, dacc));
        } else if (gathered) {
            String dT = ctx.flatScratch("dT_", op.layer(), plane * channels);
            String sel = ctx.scratch("dsel_", op.layer(), 2, outChannels);
            String slot = ctx.flatScratch("dslot_", op.layer(), taps * channels);
            helpers.add(gatheredDx(dx, wT, dT, sel, slot));
        } else {
            String gpw = ctx.scratch("gpw_", op.layer(), outChannels, chunkColumns);
            String gcol = ctx.scratch("gcol_", op.layer(), gRows, chunkColumns);
            String dxr = ctx.scratch("dxr_", op.layer(), channels, chunkColumns);
            helpers.add(dx(dx, wT, gpw, gcol, dxr));
        }
        // the transposed im2col's batch accumulator dw (the vector dW keeps vector sums dwv instead)
        boolean columns = !vectors && columnsForWeights();
        String dwName = names.allocate(name + "_", "dw");
        String dwAcc = null;
        String dwv = null;
        if (vectors) {
            dwv = ctx.scratch("dwv_", op.layer(), outChannels, kk * VectorProducts.MAX_LANES);
            String xr = ctx.scratch("xrow_", op.layer(), channels,
                    Math.toIntExact(chunkColumns + VectorProducts.dxMargin(op) + VectorProducts.MAX_LANES));
            helpers.add(vectorDw(dwName, g, xr, dwv));
        } else if (columns) {
            String colT = ctx.scratch("colT_", op.layer(), qBlock, kk);
            dwAcc = ctx.scratch("dw_", op.layer(), outChannels, kk);
            // the non-zero gradients of a block and their cells (as floats: exact below 2^24)
            String selected = ctx.scratch("gsel_", op.layer(), 2, qBlock);
            String xT = windowRows() ? ctx.flatScratch("xT_", op.layer(), plane * channels) : null;
            helpers.add(dwColumns(dwName, colT, dwAcc, selected, xT));
        } else {
            helpers.add(dwTaps(dwName));
        }
        int wOff = op.weight().offset();
        StringBuilder s = new StringBuilder();
        s.append("private void ").append(name).append("(int batch, float[] gp) {\n");
        s.append(TrainSrc.act("Y", op.out())).append(TrainSrc.grad("GY", op.out()));
        s.append("final float[] p = params;\n");
        if (gathered) {
            // wk[oc][t·C + c] = W[oc][c][t], t = kh·KW + kw
            s.append("final float[][] wk = this.").append(wT).append(";\n");
            s.append("for (int oc = 0; oc < ").append(outChannels).append("; oc++) {\nfinal float[] r = wk[oc];\n")
                    .append("for (int t = 0; t < ").append(taps).append("; t++) {\n")
                    .append("for (int c = 0; c < ").append(channels).append("; c++) { r[t * ").append(channels)
                    .append(" + c] = p[").append(wOff).append(" + (oc * ").append(channels).append(" + c) * ")
                    .append(taps).append(" + t]; }\n}\n}\n");
        } else {
            // wT[c][oc·taps + t] = W[oc][c][t]
            s.append("final float[][] wT = this.").append(wT).append(";\n");
            s.append("for (int c = 0; c < ").append(channels).append("; c++) {\nfinal float[] r = wT[c];\n");
            s.append("for (int oc = 0; oc < ").append(outChannels).append("; oc++) {\nfinal int from = ").append(wOff)
                    .append(" + (oc * ").append(channels).append(" + c) * ").append(taps).append(";\n");
            s.append("for (int t = 0; t < ").append(taps).append("; t++) { r[oc * ").append(taps)
                    .append(" + t] = p[from + t]; }\n}\n}\n");
        }
        if (columns) {
            s.append("final float[][] dw = this.").append(dwAcc).append(";\n");
            s.append("for (int oc = 0; oc < ").append(outChannels)
                    .append("; oc++) { java.util.Arrays.fill(dw[oc], 0f); }\n");
        }
        if (vectors) {
            s.append("final float[][] dwv = this.").append(dwv).append(";\n");
            s.append("for (int oc = 0; oc < ").append(outChannels)
                    .append("; oc++) { java.util.Arrays.fill(dwv[oc], 0f); }\n");
        }
        s.append("for (int n = 0; n < batch; n++) {\n");
        s.append("final int xs = n * ").append(op.in().size()).append("; final int ys = n * ")
                .append(op.out().size()).append(";\n");
        s.append(TrainSrc.fusedGrad(op.activation(), op.out().size()));
        if (!columns && !vectors) {
            op.bias().ifPresent(b -> s.append(TrainSrc.biasSums(outChannels, ohw, b.offset())));
        }
        if (!vectors) {
            s.append(dwName).append(columns ? "(xs, ys);\n" : "(xs, ys, gp);\n");
        }
        s.append("}\n");
        if (vectors) {
            // the batch's vector sums, reduced once into the gradients (a bias's after the weights')
            s.append("for (int n = 0; n < batch; n += CHUNK) { ").append(dwName)
                    .append("(n, Math.min(CHUNK, batch - n)); }\n");
            String sum = "FloatVector.fromArray(" + VectorProducts.SPECIES + ", r, %s * vl).reduceLanes("
                    + "VectorOperators.ADD)";
            s.append("{\nfinal int vl = ").append(VectorProducts.SPECIES).append(".length();\n")
                    .append("for (int oc = 0; oc < ").append(outChannels).append("; oc++) {\nfinal float[] r = dwv[oc]; ")
                    .append("final int to = ").append(wOff).append(" + oc * ").append(k).append(";\n")
                    .append("for (int kx = 0; kx < ").append(k).append("; kx++) { gp[to + kx] += ")
                    .append(String.format(sum, "kx")).append("; }\n");
            op.bias().ifPresent(b -> s.append("gp[").append(b.offset()).append(" + oc] += ")
                    .append(String.format(sum, k)).append(";\n"));
            s.append("}\n}\n");
        }
        String chunks = "for (int n = 0; n < batch; n += CHUNK) { " + dx + "(n, Math.min(CHUNK, batch - n)); }\n";
        if (deferDx) {
            deferredName = names.allocate(name + "_", "input");
            helpers.add("private void " + deferredName + "(int batch) {\n" + chunks + "}\n");
        } else {
            s.append(chunks);
        }
        if (columns) {
            s.append("for (int oc = 0; oc < ").append(outChannels).append("; oc++) {\nfinal float[] r = dw[oc]; ")
                    .append("final int to = ").append(wOff).append(" + oc * ").append(k).append(";\n");
            if (windowRows()) {
                // dw[oc][t·C + c] is W[oc][c][t]'s gradient
                s.append("for (int t = 0; t < ").append(taps).append("; t++) {\nfor (int c = 0; c < ").append(channels)
                        .append("; c++) { gp[to + c * ").append(taps).append(" + t] += r[t * ").append(channels)
                        .append(" + c]; }\n}\n");
            } else {
                s.append("for (int k = 0; k < ").append(k).append("; k++) { gp[to + k] += r[k]; }\n");
            }
            op.bias().ifPresent(b -> s.append("gp[").append(b.offset()).append(" + oc] += r[").append(k)
                    .append("];\n"));
            s.append("}\n");
        }
        return s.append("}\n").toString();
    }

    /**
     * Whether dx gathers the non-zero output gradients ({@link #gatheredDx}) instead of running over
     * the dense gradient columns: when a fused ReLU zeroes the gradient wherever its output was not
     * positive (about half of it; three quarters and more before a max pool, which passes one cell
     * per window), the kernel taps of a row of input cells are contiguous (no dilation along the
     * width), and the rows it sums, {@code taps·C} floats, are long enough to vectorise.
     */
    static boolean gathersDx(ConvOp op) {
        return applies(op) && op.activation().kind() == Activation.Kind.RELU && op.w().dilation() == 1
                && (long) op.taps() * op.inChannels() >= MIN_GATHERED_ROW;
    }

    /**
     * dx of samples {@code n0 .. n0+count-1} from the non-zero output gradients only: per output
     * cell (oh, ow), the channels {@code oc} whose gradient {@code g} is not zero are gathered
     * ({@link Gathered#nonZero}), and {@code Σ g · wk[oc]} is added to the input cells the cell's
     * window covers. In {@code dT}, the sample's dx with the channels innermost
     * ({@code dT[(ih·PW + iw)·C + c]}), kernel row {@code kh} covers {@code KW·C} consecutive floats
     * from (oh + kh·dh, ow); the KH runs are copied side by side into the slot {@code a}, in the
     * order of {@code wk[oc][(kh·KW + kw)·C + c]}, summed there by one loop over {@code taps·C}
     * floats, and copied back ({@link Gathered#windowSums}). Then {@code dT} is added to {@code GX},
     * channel-major.
     */
    private String gatheredDx(String name, String wk, String dT, String sel, String slot) {
        StringBuilder s = new StringBuilder();
        s.append("private void ").append(name).append("(int n0, int count) {\n");
        s.append(TrainSrc.grad("GX", op.in())).append(TrainSrc.grad("GY", op.out()));
        s.append("final float[][] wk = this.").append(wk).append("; final float[] dT = this.").append(dT)
                .append("; final float[] a = this.").append(slot).append("; final float[] gv = this.").append(sel)
                .append("[0]; final float[] gi = this.").append(sel).append("[1];\n");
        s.append("for (int slot = 0; slot < count; slot++) {\nfinal int xs = (n0 + slot) * ").append(op.in().size())
                .append("; final int ys = (n0 + slot) * ").append(op.out().size()).append(";\n")
                .append("java.util.Arrays.fill(dT, 0f);\n");
        s.append("for (int oh = 0; oh < ").append(h.out()).append("; oh++) {\n")
                .append("for (int ow = 0; ow < ").append(w.out()).append("; ow++) {\n")
                .append("final int q = ys + oh * ").append(w.out()).append(" + ow;\n");
        Gathered.nonZero(s, String.valueOf(outChannels), "GY[q + j * " + ohw + "]");
        s.append("if (m == 0) { continue; }\n");
        // kernel row kh covers KW·C floats of dT from (oh + kh·dh, ow)
        s.append("final int base = (oh * ").append(w.in()).append(" + ow) * ").append(channels).append(";\n");
        String[] runs = new String[h.kernel()];
        for (int kh = 0; kh < h.kernel(); kh++) {
            runs[kh] = "base + " + (long) kh * h.dilation() * w.in() * channels;
        }
        Gathered.windowSums(s, "dT", runs, (long) w.kernel() * channels, "wk[(int) gi[%s]]");
        s.append("}\n}\n");
        // channel-minor dT into channel-major GX: GX's lines of the C channels stay in L1 across cells
        s.append("for (int cell = 0; cell < ").append(plane).append("; cell++) {\nfinal int from = cell * ")
                .append(channels).append(";\nfor (int c = 0; c < ").append(channels).append("; c++) { GX[xs + c * ")
                .append(plane).append(" + cell] += dT[from + c]; }\n}\n}\n");
        return s.append("}\n").toString();
    }

    /** dx of samples {@code n0 .. n0+count-1} into {@code GX}, side by side in the rows. */
    private String dx(String name, String wT, String gpw, String gcol, String dxr) {
        StringBuilder s = new StringBuilder();
        s.append("private void ").append(name).append("(int n0, int count) {\n");
        s.append(TrainSrc.grad("GX", op.in())).append(TrainSrc.grad("GY", op.out()));
        s.append("final float[][] wT = this.").append(wT).append("; final float[][] gpw = this.").append(gpw)
                .append("; final float[][] gcol = this.").append(gcol).append("; final float[][] dxr = this.")
                .append(dxr).append(";\n");
        s.append("final int cols = count * ").append(plane).append(";\n");
        String perSample = "for (int slot = 0; slot < count; slot++) {\nfinal int xs = (n0 + slot) * "
                + op.in().size() + "; final int ys = (n0 + slot) * " + op.out().size() + "; final int at = slot * "
                + plane + ";\n";
        // G at pitch PW from column at: the columns ow >= OW and the plane's tail are never written and stay zero
        s.append(perSample).append("for (int oc = 0; oc < ").append(outChannels)
                .append("; oc++) {\nfinal float[] r = gpw[oc];\n")
                .append("for (int oh = 0; oh < ").append(h.out()).append("; oh++) { System.arraycopy(GY, ys + oc * ")
                .append(ohw).append(" + oh * ").append(w.out()).append(", r, at + oh * ").append(w.in()).append(", ")
                .append(w.out()).append("); }\n}\n");
        s.append("for (int c = 0; c < ").append(channels).append("; c++) { System.arraycopy(GX, xs + c * ")
                .append(plane).append(", dxr[c], at, ").append(plane).append("); }\n}\n");
        boolean blocked = ocBlock != outChannels;
        if (blocked) {
            s.append("for (int ob = 0; ob < ").append(outChannels).append("; ob += ").append(ocBlock).append(") {\n");
        } else {
            s.append("{\nfinal int ob = 0;\n");
        }
        // gradient columns of the block: gcol[o·taps + kh·KW + kw] = gpw[ob + o] shifted by the tap's offset
        s.append("for (int slot = 0; slot < count; slot++) {\nfinal int at = slot * ").append(plane).append(";\n")
                .append("for (int o = 0; o < ").append(ocBlock).append("; o++) {\nfinal float[] r = gpw[ob + o];\n")
                .append("for (int kh = 0; kh < ").append(h.kernel()).append("; kh++) {\n")
                .append("for (int kw = 0; kw < ").append(w.kernel()).append("; kw++) {\n")
                .append("System.arraycopy(r, at, gcol[o * ").append(taps).append(" + kh * ").append(w.kernel())
                .append(" + kw], at + kh * ").append((long) h.dilation() * w.in()).append(" + kw * ")
                .append(w.dilation()).append(", ").append(span).append(");\n}\n}\n}\n}\n");
        s.append("final int wb = ob * ").append(taps).append(";\n");
        s.append("for (int c = 0; c < ").append(channels).append("; c++) {\nfinal float[] d = dxr[c]; ")
                .append("final float[] wt = wT[c];\n");
        RowSums.text(s, gRows, "wt[wb + %s]", "gcol[%s]", "d", "cols", false);
        s.append("}\n}\n");
        s.append(perSample).append("for (int c = 0; c < ").append(channels)
                .append("; c++) { System.arraycopy(dxr[c], at, GX, xs + c * ").append(plane).append(", ")
                .append(plane).append("); }\n}\n");
        return s.append("}\n").toString();
    }

    /**
     * dx of samples {@code n0 .. n0+count-1} with {@link VectorProducts#dx} (the opt-in vector
     * kernels): the output gradient into the padded rows {@code g}, the products into
     * {@code dacc}, then added to {@code GX}.
     */
    private String vectorDx(String name, String wT, String g, String dacc) {
        StringBuilder s = chunkMethod(name, TrainSrc.grad("GX", op.in()), "final float[][] wT = this." + wT
                + "; final float[][] g = this." + g + "; final float[][] dacc = this." + dacc + ";\n");
        s.append(VectorProducts.dx(op)).append('\n');
        s.append("for (int slot = 0; slot < count; slot++) {\nfinal int xs = (n0 + slot) * ").append(op.in().size())
                .append("; final int at = slot * ").append(plane).append(";\n")
                .append("for (int c = 0; c < ").append(channels).append("; c++) {\nfinal float[] d = dacc[c]; ")
                .append("final int to = xs + c * ").append(plane).append(";\n")
                .append("for (int j = 0; j < ").append(plane).append("; j++) { GX[to + j] += d[at + j]; }\n}\n}\n");
        return s.append("}\n").toString();
    }

    /**
     * The opening of a chunk method {@code name(n0, count)} of the vector kernels: the batch array
     * {@code array} and {@code GY}, the {@code fields} bound to locals (among them the gradient
     * rows {@code g}), {@code cols} and the chunk's output gradients in {@code g}
     * ({@link #gradientRows}).
     */
    private StringBuilder chunkMethod(String name, String array, String fields) {
        StringBuilder s = new StringBuilder();
        s.append("private void ").append(name).append("(int n0, int count) {\n");
        s.append(array).append(TrainSrc.grad("GY", op.out())).append(fields);
        s.append("final int cols = count * ").append(plane).append(";\n");
        gradientRows(s);
        return s;
    }

    /**
     * The chunk's output gradients {@code GY} into the rows {@code g} at the padded input's pitch
     * after {@link VectorProducts#dxMargin}, sample {@code s} from column {@code s·plane}; every
     * other column of {@code g} is never written and stays zero.
     */
    private void gradientRows(StringBuilder s) {
        s.append("for (int slot = 0; slot < count; slot++) {\nfinal int ys = (n0 + slot) * ").append(op.out().size())
                .append("; final int at = ").append(VectorProducts.dxMargin(op)).append(" + slot * ").append(plane)
                .append(";\n")
                .append("for (int oc = 0; oc < ").append(outChannels).append("; oc++) {\nfinal float[] r = g[oc];\n")
                .append("for (int oh = 0; oh < ").append(h.out()).append("; oh++) { System.arraycopy(GY, ys + oc * ")
                .append(ohw).append(" + oh * ").append(w.out()).append(", r, at + oh * ").append(w.in()).append(", ")
                .append(w.out()).append("); }\n}\n}\n");
    }

    /**
     * dW of samples {@code n0 .. n0+count-1} into the batch's vector sums {@code dwv} with the vector
     * API: the chunk's inputs side by side in rows {@code xr[c]} (sample {@code s} from column
     * {@code s·plane}), so that {@code dW[oc][c][t] = Σ_y g[oc][margin + y] · xr[c][y + off_t]} over
     * the chunk's {@code count·plane} columns (the gradient is zero wherever no output cell is).
     * Blocks of {@code R} output channels × {@code J} weights (c, t) keep R·J vector sums in
     * registers; each column vector loaded feeds J or R multiply-adds. The sums run over whole
     * vectors (the gradient after the chunk's last column is zeroed) and are added to the batch's
     * vector sums {@code dwv[oc][k·vl ..]}, reduced once per batch; a bias sums its channel's
     * gradient. A first version reduced every block's sums per chunk and took a scalar tail: on
     * VGG-small (rows of 1,156 columns) that cost more than the transposed im2col; this one,
     * measured in alternating runs (cnnc bench --train --vector-api, samples/s) against the
     * transposed im2col for {@code C·taps >= 64}: VGG-small 352/352 against 334/298, 1-D net
     * 45,430/36,800 against 34,350/24,820, LeNet-5 8,500/8,420 against 10,110/8,880 (LeNet-5's
     * conv2 gradient is half zeros after its ReLU, which the im2col form skips).
     */
    private String vectorDw(String name, String g, String xr, String dwv) {
        int rows = ConvColumnsEmitter.largestDivisor(outChannels, BLOCK);
        int js = ConvColumnsEmitter.largestDivisor(k, BLOCK);
        String vs = VectorProducts.SPECIES;
        long margin = VectorProducts.dxMargin(op);
        StringBuilder s = chunkMethod(name, TrainSrc.act("X", op.in()), "final float[][] g = this." + g
                + "; final float[][] xr = this." + xr + "; final float[][] dwv = this." + dwv + ";\n");
        s.append("for (int slot = 0; slot < count; slot++) {\nfinal int xs = (n0 + slot) * ").append(op.in().size())
                .append(";\nfor (int c = 0; c < ").append(channels).append("; c++) { System.arraycopy(X, xs + c * ")
                .append(plane).append(", xr[c], slot * ").append(plane).append(", ").append(plane).append("); }\n}\n");
        // the sums run over whole vectors: the gradient after the chunk's last column is made zero
        s.append("final int vl = ").append(vs).append(".length(); final int end = (cols + vl - 1) / vl * vl;\n");
        s.append("for (int oc = 0; oc < ").append(outChannels).append("; oc++) { java.util.Arrays.fill(g[oc], ")
                .append(margin).append(" + cols, ").append(margin).append(" + end, 0f); }\n");
        s.append("for (int oc = 0; oc < ").append(outChannels).append("; oc += ").append(rows).append(") {\n");
        for (int r = 0; r < rows; r++) {
            s.append("final float[] g").append(r).append(" = g[oc + ").append(r).append("];\n");
        }
        s.append("for (int kb = 0; kb < ").append(k).append("; kb += ").append(js).append(") {\n");
        for (int j = 0; j < js; j++) {
            // weight kb + j = (c, kh, kw): its input row and tap offset
            s.append("final int t").append(j).append(" = (kb + ").append(j).append(") % ").append(taps)
                    .append(";\nfinal float[] x").append(j).append(" = xr[(kb + ").append(j).append(") / ")
                    .append(taps).append("];\nfinal int o").append(j).append(" = t").append(j).append(" / ")
                    .append(w.kernel()).append(" * ").append((long) h.dilation() * w.in()).append(" + t").append(j)
                    .append(" % ").append(w.kernel()).append(" * ").append(w.dilation()).append(";\n");
        }
        for (int r = 0; r < rows; r++) {
            s.append("FloatVector");
            for (int j = 0; j < js; j++) {
                s.append(j == 0 ? " " : ", ").append("a").append(r).append('_').append(j).append(" = FloatVector.zero(")
                        .append(vs).append(')');
            }
            s.append(";\n");
        }
        s.append("for (int y = 0; y < end; y += vl) {\n");
        for (int j = 0; j < js; j++) {
            s.append("final FloatVector v").append(j).append(" = FloatVector.fromArray(").append(vs).append(", x")
                    .append(j).append(", y + o").append(j).append(");\n");
        }
        for (int r = 0; r < rows; r++) {
            s.append(r == 0 ? "FloatVector " : "").append("gv = FloatVector.fromArray(").append(vs).append(", g")
                    .append(r).append(", ").append(margin).append(" + y);\n");
            for (int j = 0; j < js; j++) {
                s.append("a").append(r).append('_').append(j).append(" = gv.fma(v").append(j).append(", a")
                        .append(r).append('_').append(j).append(");\n");
            }
        }
        s.append("}\n");
        // into the batch's vector sums (reduced once, after the last chunk)
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < js; j++) {
                String at = "(kb + " + j + ") * vl";
                s.append("FloatVector.fromArray(").append(vs).append(", dwv[oc + ").append(r).append("], ").append(at)
                        .append(").add(a").append(r).append('_').append(j).append(").intoArray(dwv[oc + ").append(r)
                        .append("], ").append(at).append(");\n");
            }
        }
        s.append("}\n");
        if (kk > k) {
            // the bias: the sum stays in dwv (a load and a store per vector), not in a vector carried
            // from one iteration to the next: C2 (JDK 17) boxed that one, in every run of a standalone
            // harness, allocating 0.3 MB per LeNet-5 conv1 chunk (docs/performance.md)
            for (int r = 0; r < rows; r++) {
                s.append("{\nfinal float[] d = dwv[oc + ").append(r).append("]; final int at = ").append(k)
                        .append(" * vl;\n")
                        .append("for (int y = 0; y < end; y += vl) { FloatVector.fromArray(").append(vs)
                        .append(", d, at).add(FloatVector.fromArray(").append(vs).append(", g").append(r).append(", ")
                        .append(margin).append(" + y)).intoArray(d, at); }\n}\n");
            }
        }
        s.append("}\n");
        return s.append("}\n").toString();
    }

    /**
     * Whether dW's transposed im2col rows are built from a channel-minor copy of the input (no
     * dilation along the width: a kernel row's taps are then {@code KW·C} consecutive floats of it,
     * one {@code System.arraycopy} instead of {@code KW·C} single copies), in the order
     * {@code (kh·KW + kw)·C + c}; otherwise {@code c·taps + t}, gathered one by one.
     */
    private boolean windowRows() {
        return w.dilation() == 1;
    }

    /**
     * dW of one sample into the batch accumulator, through the transposed im2col; with
     * {@link #windowRows} the sample's input is first copied channel-minor into {@code xT}.
     */
    private String dwColumns(String name, String colT, String dwAcc, String selected, String xT) {
        StringBuilder s = new StringBuilder();
        s.append("private void ").append(name).append("(int xs, int ys) {\n");
        s.append(TrainSrc.act("X", op.in())).append(TrainSrc.grad("GY", op.out()));
        s.append("final float[][] colT = this.").append(colT).append("; final float[][] dw = this.").append(dwAcc)
                .append("; final float[] gv = this.").append(selected).append("[0]; final float[] gi = this.")
                .append(selected).append("[1];\n");
        if (windowRows()) {
            // xT[cell·C + c] = x[c][cell]: the channels' lines stay in L1 while the cells advance
            s.append("final float[] xT = this.").append(xT).append(";\nfor (int cell = 0; cell < ").append(plane)
                    .append("; cell++) {\nfinal int to = cell * ").append(channels).append(";\nfor (int c = 0; c < ")
                    .append(channels).append("; c++) { xT[to + c] = X[xs + c * ").append(plane)
                    .append(" + cell]; }\n}\n");
        }
        s.append("for (int q0 = 0; q0 < ").append(ohw).append("; q0 += ").append(qBlock).append(") {\n");
        s.append("final int count = Math.min(").append(qBlock).append(", ").append(ohw).append(" - q0);\n");
        s.append("for (int i = 0; i < count; i++) {\nfinal int q = q0 + i; final int oh = q / ").append(w.out())
                .append(";\nfinal float[] r = colT[i];\n");
        if (windowRows()) {
            // colT[i][(kh·KW + kw)·C + c] = x[c][oh + kh·dh][ow + kw]: kernel row kh is KW·C floats of xT
            int run = w.kernel() * channels;
            s.append("final int b = (oh * ").append(w.in()).append(" + (q - oh * ").append(w.out()).append(")) * ")
                    .append(channels).append(";\n");
            for (int kh = 0; kh < h.kernel(); kh++) {
                s.append("System.arraycopy(xT, b + ").append((long) kh * h.dilation() * w.in() * channels)
                        .append(", r, ").append((long) kh * run).append(", ").append(run).append(");\n");
            }
        } else {
            // colT[i][c·taps + t] = x[c][oh + kh·dh][ow + kw·dw] for output cell q0 + i = (oh, ow)
            s.append("final int b = xs + oh * ").append(w.in()).append(" + (q - oh * ").append(w.out()).append(");\n");
            s.append("for (int c = 0; c < ").append(channels).append("; c++) {\nfinal int cb = b + c * ").append(plane)
                    .append("; final int kb = c * ").append(taps).append(";\n");
            if (taps <= ConvBackwardEmitter.MAX_UNROLLED) {
                for (int kh = 0; kh < h.kernel(); kh++) {
                    for (int kw = 0; kw < w.kernel(); kw++) {
                        s.append("r[kb + ").append(kh * w.kernel() + kw).append("] = X[cb + ")
                                .append(Window.tapOffset(h, w, kh, kw)).append("];\n");
                    }
                }
            } else {
                s.append("for (int kh = 0; kh < ").append(h.kernel()).append("; kh++) {\n")
                        .append("for (int kw = 0; kw < ").append(w.kernel()).append("; kw++) {\n")
                        .append("r[kb + kh * ").append(w.kernel()).append(" + kw] = X[cb + kh * ")
                        .append((long) h.dilation() * w.in()).append(" + kw * ").append(w.dilation())
                        .append("];\n}\n}\n");
            }
            s.append("}\n");
        }
        if (kk > k) {
            s.append("r[").append(k).append("] = 1f;\n");
        }
        s.append("}\n");
        // the non-zero gradients of the block first (a fused ReLU zeroes about half), without a branch
        s.append("for (int oc = 0; oc < ").append(outChannels).append("; oc++) {\nfinal float[] d = dw[oc]; ")
                .append("final int gb = ys + oc * ").append(ohw).append(" + q0;\n");
        Gathered.nonZero(s, "count", "GY[gb + j]");
        Gathered.sums(s, "colT[(int) gi[%s]]", "d", String.valueOf(kk));
        s.append("}\n}\n");
        return s.append("}\n").toString();
    }

    /** dW of one sample straight into {@code gp}: an accumulator per tap, {@link ConvBackwardEmitter}'s loops. */
    private String dwTaps(String name) {
        StringBuilder s = new StringBuilder();
        s.append("private void ").append(name).append("(int xs, int ys, float[] gp) {\n");
        s.append(TrainSrc.act("X", op.in())).append(TrainSrc.grad("GY", op.out()));
        new ConvBackwardEmitter(op).channelLoops(s, false);
        return s.append("}\n").toString();
    }
}
