package dev.cnnc.compiler.codegen;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.VoidType;
import dev.cnnc.compiler.ir.Buffer;
import dev.cnnc.spec.model.Activation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What kernel emitters share: the name allocator, buffer fields and the unroll mode. */
final class EmitContext {
    static final String PARAMS = "params";
    static final String PAD_SOURCE = "padSource";
    private final Names names;
    private final Map<Integer, String> bufferFields;
    private final UnrollMode unroll;
    private final Set<Integer> reluOutputs;
    private final int chunk;
    private final boolean vectorApi;
    private boolean usesVectors;
    private final List<Scratch> scratch = new ArrayList<>();
    private final Set<MethodDeclaration> chunkNative = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<MethodDeclaration, MethodDeclaration> oneSample = new IdentityHashMap<>();
    private final List<MethodDeclaration> helpers = new ArrayList<>();
    private final Map<String, String> helperTwins = new HashMap<>();

    /**
     * A {@code float[rows][cols]} field a kernel keeps between calls (accumulator rows, gradient
     * columns), or a flat {@code float[cols]} when {@code rows} is 0: allocated once in the
     * constructor, so forward allocates nothing. Rows are separate arrays when the loops index
     * them at runtime offsets (C2, JDK 17, vectorises {@code o[q] += w0*c0[q] + ...} over one
     * array only at literal offsets); the forward's im2col rows are one flat array at literal
     * offsets ({@link ConvColumnsEmitter}).
     */
    record Scratch(String field, int rows, int cols) {
        boolean flat() {
            return rows == 0;
        }
    }

    /** The parameter of every kernel method: the samples to run, in slots {@code 0 .. count-1}. */
    static final String COUNT = "count";
    /** The slot loop variable: kernels run one sample's code per slot unless they are chunk-native. */
    static final String SLOT = "slot";
    /** The normalize kernel's offset of the first sample in its input array. */
    static final String FROM = "from";

    EmitContext(Names names, Map<Integer, String> bufferFields, UnrollMode unroll, int chunk, boolean vectorApi,
                Set<Integer> reluOutputs) {
        this.names = names;
        this.bufferFields = bufferFields;
        this.unroll = unroll;
        this.chunk = chunk;
        this.vectorApi = vectorApi;
        this.reluOutputs = Set.copyOf(reluOutputs);
    }

    /** The buffers that hold a ReLU's output ({@link GatheredConvEmitter#reluOutputs}). */
    Set<Integer> reluOutputs() {
        return reluOutputs;
    }

    /** Whether kernels may use {@code jdk.incubator.vector} ({@link GeneratorOptions#vectorApi()}). */
    boolean vectorApi() {
        return vectorApi;
    }

    /** Records that a kernel uses the vector API: the class then imports it and declares the species. */
    void usesVectors() {
        if (!vectorApi) {
            throw new IllegalStateException("the vector API is not enabled");
        }
        usesVectors = true;
    }

    boolean vectorsUsed() {
        return usesVectors;
    }

    /** Samples per chunk of the batch forward: the slots of every buffer ({@link ChunkPlan}). */
    int chunk() {
        return chunk;
    }

    /**
     * Marks a kernel method that handles all {@code count} slots itself (not wrapped in a slot
     * loop). When the model has chunks, it also gets a one-sample twin {@code NAME_one()}: the same
     * body with {@code count} the constant 1, which the one-sample {@code forward} calls. C2
     * compiles a method for the profile it has seen: after batch-1 calls only, the chunk method's
     * loops were compiled for rows of one sample and stayed so when chunks came (the 1-D
     * example's batch forward ran at half speed); the twin gives each path a profile of its own.
     */
    void chunkNative(MethodDeclaration m) {
        chunkNative.add(m);
    }

    /** The one-sample twin of a chunk-native method (see {@link #chunkNative}), if it has one. */
    Optional<MethodDeclaration> oneSample(MethodDeclaration m) {
        if (chunk == 1 || !chunkNative.contains(m)) {
            return Optional.empty();
        }
        return Optional.of(oneSample.computeIfAbsent(m, k -> {
            MethodDeclaration twin = k.clone();
            twin.setName(names.allocate(k.getNameAsString(), "_one"));
            twin.getParameters().clear();
            // a constant variable: javac folds count * span, C2 sees loops of known length
            twin.getBody().orElseThrow().addStatement(0, Ast.local(Ast.INT, COUNT, Literals.integer(1)));
            // the twin's helpers are twins too: one helper serving both paths would be compiled for one
            twin.findAll(MethodCallExpr.class).forEach(call -> {
                String helperTwin = helperTwins.get(call.getNameAsString());
                if (helperTwin != null) {
                    call.setName(helperTwin);
                }
            });
            return twin;
        }));
    }

    /**
     * Wraps the body of a kernel method in {@code for (int slot = 0; slot < count; slot++)}, unless
     * it is {@link #chunkNative}: the body then runs once per sample, its buffers bound to the slot.
     */
    void perSlot(MethodDeclaration m) {
        if (chunkNative.contains(m)) {
            return;
        }
        BlockStmt body = m.getBody().orElseThrow();
        m.setBody(new BlockStmt().addStatement(Ast.loop(SLOT, Literals.integer(0), Ast.name(COUNT), body)));
    }

    /** Registers a scratch field named after {@code layer} (user text, via {@link Names}); returns its name. */
    String scratch(String prefix, String layer, int rows, int cols) {
        String field = names.allocate(prefix, layer);
        scratch.add(new Scratch(field, rows, cols));
        return field;
    }

    /** Registers a flat scratch field ({@code float[length]}) named after {@code layer}; returns its name. */
    String flatScratch(String prefix, String layer, int length) {
        return scratch(prefix, layer, 0, length);
    }

    List<Scratch> scratch() {
        return List.copyOf(scratch);
    }

    /** Name of the public method that rebuilds re-laid-out copies of the parameters. */
    static final String PARAMETERS_CHANGED = "parametersChanged";
    private final List<com.github.javaparser.ast.stmt.Statement> relayout = new ArrayList<>();

    /**
     * Adds a statement to {@link #PARAMETERS_CHANGED}, which the constructor calls and which rebuilds
     * parameter copies in a kernel-friendly layout (say, transposed dense weights) from {@code params}.
     */
    void relayout(com.github.javaparser.ast.stmt.Statement statement) {
        relayout.add(statement);
    }

    List<com.github.javaparser.ast.stmt.Statement> relayouts() {
        return List.copyOf(relayout);
    }

    /** {@code final float[][] local = this.field;}. */
    static void bindRows(BlockStmt body, String local, String field) {
        body.addStatement(Ast.local(new ArrayType(floats()), local, Ast.field(field)));
    }

    UnrollMode unroll() {
        return unroll;
    }

    String field(Buffer b) {
        String f = bufferFields.get(b.id());
        if (f == null) {
            throw new IllegalStateException("buffer " + b.id() + " has no field");
        }
        return f;
    }

    /**
     * A {@code private static void} helper method named after {@code layer}, without parameters yet;
     * the class gets it beside the kernels ({@link #helpers()}), and no forward step calls it. When
     * the model has chunks it also gets a twin {@code NAME_one}, which the one-sample twins of the
     * kernels ({@link #oneSample}) call instead, for the same reason as those.
     */
    MethodDeclaration helper(String prefix, String layer) {
        MethodDeclaration m = new MethodDeclaration(new NodeList<>(Modifier.privateModifier(),
                Modifier.staticModifier()), new VoidType(), names.allocate(prefix, layer));
        m.setBody(new BlockStmt());
        helpers.add(m);
        if (chunk > 1) {
            helperTwins.put(m.getNameAsString(), names.allocate(m.getNameAsString(), "_one"));
        }
        return m;
    }

    /** The helper methods, each followed by its one-sample twin if it has one. */
    List<MethodDeclaration> helpers() {
        List<MethodDeclaration> all = new ArrayList<>();
        for (MethodDeclaration m : helpers) {
            all.add(m);
            String twin = helperTwins.get(m.getNameAsString());
            if (twin != null) {
                all.add(m.clone().setName(twin));
            }
        }
        return all;
    }

    /**
     * A new {@code private void layer_L(int count)} kernel method named after {@code layer} (user
     * text, via {@link Names}).
     */
    MethodDeclaration method(String layer) {
        MethodDeclaration m = new MethodDeclaration(new NodeList<>(Modifier.privateModifier()), new VoidType(),
                names.allocate("layer_", layer));
        m.addParameter(Ast.INT, COUNT);
        m.setBody(new BlockStmt());
        return m;
    }

    /** {@code this.field[slot]}: the buffer's array of the sample in the current slot. */
    Expression buffer(Buffer b) {
        return new ArrayAccessExpr(Ast.field(field(b)), Ast.name(SLOT));
    }

    /** {@code final float[] local = this.field[slot];} for a buffer. */
    void bind(BlockStmt body, String local, Buffer b) {
        body.addStatement(Ast.local(floats(), local, buffer(b)));
    }

    void bindParams(BlockStmt body) {
        body.addStatement(Ast.local(floats(), "p", Ast.field(PARAMS)));
    }

    static ArrayType floats() {
        return new ArrayType(Ast.FLOAT);
    }

    /**
     * {@code act(v)} for an element-wise activation: relu max(v, 0); leaky_relu v or slope·v;
     * sigmoid 1/(1+e^-v); tanh. {@code v} must be a plain name (it may be read twice).
     */
    static Expression activate(Activation act, NameExpr v) {
        return switch (act.kind()) {
            case IDENTITY -> v;
            case RELU -> Ast.call("Math", "max", v, Literals.floating(0f));
            case LEAKY_RELU -> new ConditionalExpr(Ast.bin(v, BinaryExpr.Operator.GREATER, Literals.floating(0f)), v,
                    Ast.times(Literals.floating((float) act.slope()), v));
            case SIGMOID -> Ast.bin(Literals.floating(1f), BinaryExpr.Operator.DIVIDE, Ast.paren(Ast.plus(
                    Literals.floating(1f), Ast.cast(Ast.FLOAT, Ast.call("Math", "exp", Ast.neg(v))))));
            case TANH -> Ast.cast(Ast.FLOAT, Ast.call("Math", "tanh", v));
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }

    /** {@code for (k < count) { final float v = a[from + k]; a[from + k] = act(v); }}, nothing for identity. */
    static void activateRange(BlockStmt body, Activation act, String array, Lin from, int count) {
        if (act.isIdentity()) {
            return;
        }
        Lin at = from.plus("k", 1);
        BlockStmt loop = new BlockStmt();
        loop.addStatement(Ast.local(Ast.FLOAT, "v", Ast.at(array, at)));
        loop.addStatement(Ast.assign(Ast.at(array, at), activate(act, Ast.name("v"))));
        body.addStatement(Ast.loop("k", 0, count, loop));
    }
}
