package dev.cnnc.compiler.codegen;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.ArrayCreationLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.comments.BlockComment;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import dev.cnnc.compiler.ir.Buffer;
import dev.cnnc.compiler.ir.DropoutOp;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.ir.Op;
import dev.cnnc.compiler.ir.PadFill;
import dev.cnnc.compiler.ir.PadOp;
import dev.cnnc.compiler.ir.ParamTensor;
import dev.cnnc.compiler.shape.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Builds the compilation unit of one model class from its IR (contract §4). */
final class ModelClassBuilder {
    /** JDK simple names the generated code uses unqualified: the class must not hide them. */
    private static final Set<String> JAVA_LANG = Set.of("Object", "String", "Math", "Float", "Double", "Integer",
            "Long", "Boolean", "Character", "System", "StringBuilder", "Exception", "IllegalArgumentException",
            "IllegalStateException", "IndexOutOfBoundsException", "NumberFormatException", "Override",
            "Deprecated", "Runtime", "Thread", "Class", "Iterable", "Comparable", "Error", "Void", "Number");
    private final ModelIr ir;
    private final GeneratorOptions options;
    private final Names names = new Names();
    private final Map<Integer, String> bufferFields = new HashMap<>();
    /** Buffers with a field of their own (dropout outputs share their input's at inference). */
    private final Set<Integer> ownFields = new TreeSet<>();
    private final String className;
    /** Whether to add the training members ({@link TrainingEmitter}). */
    private final boolean training;

    ModelClassBuilder(ModelIr ir, GeneratorOptions options) {
        this(ir, options, false);
    }

    ModelClassBuilder(ModelIr ir, GeneratorOptions options, boolean training) {
        this.ir = ir;
        this.options = options;
        this.training = training;
        if (training) {
            names.reserve(TrainingEmitter.memberNames());
        }
        Set<String> taken = reservedTypeNames();
        this.className = options.className().orElseGet(() -> ClassNames.derive(ir.name(), taken));
        if (taken.contains(className)) {
            throw new IllegalArgumentException("class name '" + className + "' would hide a class the generated code "
                    + "uses; choose another");
        }
        names.reserve(Template.memberNames().toArray(String[]::new));
        names.reserve(className, "INPUT_SHAPE", "OUTPUT_SHAPE", "INPUT_SIZE", "OUTPUT_SIZE", "PARAM_COUNT", "LABELS",
                "OUTPUTS_ARE_PROBABILITIES",
                "MODEL_NAME", "PARAM_NAMES", "PARAM_SHAPES", "PARAM_OFFSETS", EmitContext.PARAMS, "scores",
                EmitContext.PARAMETERS_CHANGED, VectorProducts.SPECIES,
                "embeddedParams", "decodeFloats");
    }

    /** Calls of kernel methods per method: 4 bytes each, far below the JIT limit. */
    static final int CALLS_PER_METHOD = 1000;

    private static List<List<MethodCallExpr>> partition(List<MethodCallExpr> calls) {
        List<List<MethodCallExpr>> parts = new ArrayList<>();
        for (int at = 0; at < calls.size(); at += CALLS_PER_METHOD) {
            parts.add(calls.subList(at, Math.min(calls.size(), at + CALLS_PER_METHOD)));
        }
        return parts;
    }

    static Set<String> reservedTypeNames() {
        Set<String> set = new TreeSet<>(JAVA_LANG);
        set.addAll(Template.importedSimpleNames());
        set.addAll(Template.nestedTypeNames());
        set.add(Template.PLACEHOLDER);
        VectorProducts.IMPORTS.forEach(i -> set.add(i.substring(i.lastIndexOf('.') + 1)));
        for (int k = 0; k < 100; k++) {
            set.add(WeightsEmbedder.HOLDER_PREFIX + k);
        }
        return set;
    }

    String className() {
        return className;
    }

    CompilationUnit build() {
        CompilationUnit cu = new CompilationUnit();
        options.packageName().ifPresent(cu::setPackageDeclaration);
        Template.imports().forEach(cu::addImport);
        ClassOrInterfaceDeclaration cls = cu.addClass(className, Modifier.Keyword.PUBLIC, Modifier.Keyword.FINAL);
        cls.setJavadocComment(Provenance.classDoc(ir.name(), ir.inputShape().toString(),
                ir.outputShape().toString()));
        int chunk = ChunkPlan.samplesPerChunk(ir, options.unroll());
        constants(cls, chunk);
        fields(cls);
        ConstructorDeclaration ctor = constructor(cls);
        EmitContext ctx = new EmitContext(names, bufferFields, options.unroll(), chunk, options.vectorApi(),
                GatheredConvEmitter.reluOutputs(ir));
        BlockStmt steps = forwardSlots(cls).getBody().orElseThrow();
        List<List<String>> kernelNames = new ArrayList<>();
        List<MethodCallExpr> oneCalls = new ArrayList<>();
        callInParts(cls, steps, kernels(cls, ctx, kernelNames, oneCalls));
        BlockStmt one = forwardOne(cls).getBody().orElseThrow();
        callInParts(cls, one, oneCalls);
        one.addStatement(Ast.call("System", "arraycopy", new ArrayAccessExpr(
                Ast.field(ctx.field(ir.output())), Literals.integer(0)), Literals.integer(0), Ast.name("output"),
                Literals.integer(0), Ast.name("OUTPUT_SIZE")));
        BlockStmt copyOut = new BlockStmt();
        copyOut.addStatement(Ast.call("System", "arraycopy", ctx.buffer(ir.output()), Literals.integer(0),
                Ast.name("output"), Ast.plus(Ast.name("to"), Ast.times(Ast.name(EmitContext.SLOT),
                        Ast.name("OUTPUT_SIZE"))), Ast.name("OUTPUT_SIZE")));
        steps.addStatement(Ast.loop(EmitContext.SLOT, Literals.integer(0), Ast.name(EmitContext.COUNT), copyOut));
        if (training) {
            new TrainingEmitter(ir, names, ctx, kernelNames, cls).emit();
        }
        if (ctx.vectorsUsed()) {
            VectorProducts.IMPORTS.forEach(i -> cu.addImport(i));
            cls.addMember(StaticJavaParser.parseBodyDeclaration(VectorProducts.SPECIES_FIELD));
        }
        scratchFields(cls, ctor, ctx);
        parametersChanged(cls, ctor, ctx);
        WeightsEmbedder.embed(cls, options.embeddedWeights(), ir.paramCount());
        Template.members(className).forEach(cls::addMember);
        cu.setComment(new BlockComment(Provenance.header(options, ctx.vectorsUsed())));
        return cu;
    }

    /** One array field per buffer; a dropout output shares its input's array (identity at inference). */
    private void fields(ClassOrInterfaceDeclaration cls) {
        Map<Integer, Integer> sharedWith = new HashMap<>();
        for (Op op : ir.ops()) {
            if (op instanceof DropoutOp d) {
                sharedWith.put(d.out().id(), d.in().id());
            }
        }
        for (Buffer b : ir.buffers()) {
            if (sharedWith.containsKey(b.id())) {
                bufferFields.put(b.id(), bufferFields.get(sharedWith.get(b.id())));
            } else if (b.id() != ir.input().id()) {
                ownFields.add(b.id());
                bufferFields.put(b.id(), names.allocate("buf_", b.label()));
            }
        }
        cls.addField(EmitContext.floats(), EmitContext.PARAMS, Modifier.Keyword.PRIVATE, Modifier.Keyword.FINAL);
        cls.addField(EmitContext.floats(), "scores", Modifier.Keyword.PRIVATE, Modifier.Keyword.FINAL);
        for (int id : ownFields) {
            cls.addField(new ArrayType(EmitContext.floats()), bufferFields.get(id), Modifier.Keyword.PRIVATE,
                    Modifier.Keyword.FINAL);
        }
    }

    /**
     * Adds every op's kernel methods to the class; returns their calls in execution order and
     * records each op's kernel method names in {@code kernelNames} (for the training members).
     * {@code oneCalls} gets the calls of the one-sample forward: the same, with the one-sample
     * twins of chunk-native kernels ({@link EmitContext#chunkNative}).
     */
    private List<MethodCallExpr> kernels(ClassOrInterfaceDeclaration cls, EmitContext ctx,
                                         List<List<String>> kernelNames, List<MethodCallExpr> oneCalls) {
        KernelEmitter emitter = new KernelEmitter(ctx);
        List<MethodCallExpr> calls = new ArrayList<>();
        for (Op op : ir.ops()) {
            List<String> opKernels = new ArrayList<>();
            kernelNames.add(opKernels);
            for (MethodDeclaration m : op.accept(emitter)) {
                ctx.perSlot(m);
                opKernels.add(m.getNameAsString());
                MethodCallExpr call = new MethodCallExpr(null, m.getNameAsString());
                m.getParameters().forEach(p -> call.addArgument(new NameExpr(p.getNameAsString())));
                calls.add(call);
                cls.addMember(m);
                Optional<MethodDeclaration> twin = ctx.oneSample(m);
                twin.ifPresent(cls::addMember);
                oneCalls.add(twin.map(t -> new MethodCallExpr(null, t.getNameAsString())).orElseGet(call::clone));
            }
        }
        ctx.helpers().forEach(cls::addMember);
        return calls;
    }

    /** The calls into {@code steps}, through {@code forward_part} methods when there are too many for one. */
    private void callInParts(ClassOrInterfaceDeclaration cls, BlockStmt steps, List<MethodCallExpr> calls) {
        steps.addStatement(calls.remove(0));
        for (List<MethodCallExpr> part : partition(calls)) {
            if (calls.size() <= CALLS_PER_METHOD) {
                part.forEach(steps::addStatement);
                continue;
            }
            MethodDeclaration m = cls.addMethod(names.allocate("forward_", "part"), Modifier.Keyword.PRIVATE);
            slotParameters(m);
            BlockStmt body = new BlockStmt();
            part.forEach(body::addStatement);
            m.setBody(body);
            MethodCallExpr call = new MethodCallExpr(null, m.getNameAsString());
            m.getParameters().forEach(p -> call.addArgument(new NameExpr(p.getNameAsString())));
            steps.addStatement(call);
        }
    }

    private static ClassOrInterfaceType type(String name, Type... args) {
        ClassOrInterfaceType t = new ClassOrInterfaceType(null, name);
        if (args.length > 0) {
            t.setTypeArguments(args);
        }
        return t;
    }

    private static Expression listOf(List<Expression> items) {
        return new MethodCallExpr(new NameExpr("List"), "of", new NodeList<>(items));
    }

    private static Expression ints(List<Integer> values) {
        NodeList<Expression> list = new NodeList<>();
        values.forEach(v -> list.add(Literals.integer(v)));
        return new ArrayInitializerExpr(list);
    }

    private static List<Expression> intExprs(Shape s) {
        return s.dims().stream().map(d -> (Expression) Literals.integer(d)).toList();
    }

    private void constants(ClassOrInterfaceDeclaration cls, int chunk) {
        Modifier.Keyword[] pub = {Modifier.Keyword.PUBLIC, Modifier.Keyword.STATIC, Modifier.Keyword.FINAL};
        Modifier.Keyword[] priv = {Modifier.Keyword.PRIVATE, Modifier.Keyword.STATIC, Modifier.Keyword.FINAL};
        ClassOrInterfaceType listInt = type("List", type("Integer"));
        cls.addFieldWithInitializer(listInt, "INPUT_SHAPE", listOf(intExprs(ir.inputShape())), pub)
                .setJavadocComment("The input shape of one sample, channels first.");
        cls.addFieldWithInitializer(listInt.clone(), "OUTPUT_SHAPE", listOf(intExprs(ir.outputShape())), pub)
                .setJavadocComment("The output shape of one sample.");
        cls.addFieldWithInitializer(Ast.INT, "INPUT_SIZE", Literals.integer(ir.inputShape().size()), pub)
                .setJavadocComment("Floats per input sample.");
        cls.addFieldWithInitializer(Ast.INT, "OUTPUT_SIZE", Literals.integer(ir.outputShape().size()), pub)
                .setJavadocComment("Floats per output sample.");
        cls.addFieldWithInitializer(Ast.INT, "PARAM_COUNT", Literals.integer(ir.paramCount()), pub)
                .setJavadocComment("Floats in the parameter array (batchnorm running statistics included).");
        List<Expression> labels = ir.labels().stream().map(l -> (Expression) Literals.string(l)).toList();
        cls.addFieldWithInitializer(type("List", type("String")), "LABELS", listOf(labels), pub)
                .setJavadocComment("Class labels, one per output; empty when the spec names none.");
        cls.addFieldWithInitializer(PrimitiveType.booleanType(), "OUTPUTS_ARE_PROBABILITIES",
                        new BooleanLiteralExpr(ir.logits().id() != ir.output().id()), pub)
                .setJavadocComment("Whether the network ends in a softmax, so that its outputs are probabilities "
                        + "(else they are logits, and main shows their softmax).");
        cls.addFieldWithInitializer(type("String"), "MODEL_NAME", Literals.string(ir.name()), priv);
        cls.addFieldWithInitializer(Ast.INT, "CHUNK", Literals.integer(chunk), priv)
                .setJavadocComment("Samples the batch forward runs through each layer together: every buffer has "
                        + "this many slots (more than 1 when the convolutions' rows are short).");
        NodeList<Expression> tensorNames = new NodeList<>();
        NodeList<Expression> shapes = new NodeList<>();
        NodeList<Expression> offsets = new NodeList<>();
        for (ParamTensor t : ir.params()) {
            tensorNames.add(Literals.string(t.name()));
            shapes.add(ints(t.shape()));
            offsets.add(Literals.integer(t.offset()));
        }
        cls.addFieldWithInitializer(new ArrayType(type("String")), "PARAM_NAMES",
                new ArrayInitializerExpr(tensorNames), priv);
        cls.addFieldWithInitializer(new ArrayType(new ArrayType(Ast.INT)), "PARAM_SHAPES",
                new ArrayInitializerExpr(shapes), priv);
        cls.addFieldWithInitializer(new ArrayType(Ast.INT), "PARAM_OFFSETS", new ArrayInitializerExpr(offsets), priv);
    }

    private static Expression newFloats(Expression size) {
        return new ArrayCreationExpr(Ast.FLOAT, new NodeList<>(new ArrayCreationLevel(size)),
                null);
    }

    private static com.github.javaparser.ast.stmt.Statement require(Expression badCondition, Expression message) {
        return new IfStmt(badCondition, new BlockStmt().addStatement(new ThrowStmt(new ObjectCreationExpr(null,
                type("IllegalArgumentException"), new NodeList<>(message)))), null);
    }

    private static Expression concat(Expression... parts) {
        Expression e = parts[0];
        for (int i = 1; i < parts.length; i++) {
            e = Ast.bin(e, BinaryExpr.Operator.PLUS, parts[i]);
        }
        return e;
    }

    private static Expression length(String array) {
        return new FieldAccessExpr(new NameExpr(array), "length");
    }

    /**
     * {@code parametersChanged()}: rebuilds the kernels' re-laid-out parameter copies from the live
     * array; the constructor calls it, and so must whoever changes {@code parameters()} in place.
     */
    private static void parametersChanged(ClassOrInterfaceDeclaration cls, ConstructorDeclaration ctor,
                                          EmitContext ctx) {
        MethodDeclaration m = cls.addMethod(EmitContext.PARAMETERS_CHANGED, Modifier.Keyword.PUBLIC);
        m.setJavadocComment("Rebuilds the copies of the parameters that kernels keep in another layout (dense "
                + "weights transposed, so that the output units are the vectorised loop). Call it after changing "
                + "{@link #parameters()} in place; the constructor calls it.");
        BlockStmt body = new BlockStmt();
        ctx.relayouts().forEach(body::addStatement);
        m.setBody(body);
        ctor.getBody().addStatement(new MethodCallExpr(null, EmitContext.PARAMETERS_CHANGED));
    }

    /** The kernels' scratch rows: a field each, allocated in the constructor. */
    private static void scratchFields(ClassOrInterfaceDeclaration cls, ConstructorDeclaration ctor, EmitContext ctx) {
        for (EmitContext.Scratch s : ctx.scratch()) {
            NodeList<ArrayCreationLevel> levels = new NodeList<>();
            if (!s.flat()) {
                levels.add(new ArrayCreationLevel(Literals.integer(s.rows())));
            }
            levels.add(new ArrayCreationLevel(Literals.integer(s.cols())));
            cls.addField(s.flat() ? EmitContext.floats() : new ArrayType(EmitContext.floats()), s.field(),
                    Modifier.Keyword.PRIVATE, Modifier.Keyword.FINAL);
            ctor.getBody().addStatement(Ast.assign(Ast.field(s.field()), new ArrayCreationExpr(Ast.FLOAT, levels,
                    null)));
        }
    }

    private ConstructorDeclaration constructor(ClassOrInterfaceDeclaration cls) {
        ConstructorDeclaration c = cls.addConstructor(Modifier.Keyword.PUBLIC);
        c.addParameter(new Parameter(EmitContext.floats(), EmitContext.PARAMS));
        c.setJavadocComment("Creates the model from its parameters: {@code PARAM_COUNT} floats, the tensors in PyTorch "
                + "state_dict order (copied).");
        BlockStmt body = c.getBody();
        body.addStatement(require(Ast.bin(length(EmitContext.PARAMS), BinaryExpr.Operator.NOT_EQUALS,
                Ast.name("PARAM_COUNT")), concat(Literals.string("expected "), Ast.name("PARAM_COUNT"),
                Literals.string(" parameters, got "), length(EmitContext.PARAMS))));
        body.addStatement(Ast.assign(Ast.field(EmitContext.PARAMS),
                new MethodCallExpr(Ast.name(EmitContext.PARAMS), "clone")));
        body.addStatement(Ast.assign(Ast.field("scores"), newFloats(Ast.name("OUTPUT_SIZE"))));
        for (Buffer b : ir.buffers()) {
            if (ownFields.contains(b.id())) {
                body.addStatement(Ast.assign(Ast.field(bufferFields.get(b.id())), new ArrayCreationExpr(Ast.FLOAT,
                        new NodeList<>(new ArrayCreationLevel(Ast.name("CHUNK")),
                                new ArrayCreationLevel(Literals.integer(b.size()))), null)));
            }
        }
        // a constant padding border is written once here; forward only copies the interior
        for (Op op : ir.ops()) {
            if (op instanceof PadOp pad && pad.fill() == PadFill.NEGATIVE_INFINITY) {
                BlockStmt fill = new BlockStmt();
                fill.addStatement(Ast.call("Arrays", "fill", new ArrayAccessExpr(
                        Ast.field(bufferFields.get(pad.out().id())), Ast.name(EmitContext.SLOT)),
                        new FieldAccessExpr(Ast.name("Float"), "NEGATIVE_INFINITY")));
                body.addStatement(Ast.loop(EmitContext.SLOT, Literals.integer(0), Ast.name("CHUNK"), fill));
            }
        }
        return c;
    }

    /**
     * {@code forwardSlots(input, from, count, output, to)}: runs samples {@code from},
     * {@code from + INPUT_SIZE}, ... of {@code input} (at most {@code CHUNK}) through every layer
     * and copies their outputs to {@code output} from {@code to}. The template's batch
     * {@code forward} checks the arguments and calls it ({@link #forwardOne} serves one sample).
     */
    private MethodDeclaration forwardSlots(ClassOrInterfaceDeclaration cls) {
        MethodDeclaration m = cls.addMethod("forwardSlots", Modifier.Keyword.PRIVATE);
        slotParameters(m);
        m.addParameter(new Parameter(EmitContext.floats(), "output"));
        m.addParameter(new Parameter(Ast.INT, "to"));
        m.setJavadocComment("Runs {@code count} samples (at most CHUNK) of {@code input} from {@code from} through "
                + "the layers, each in a slot of the buffers, and copies their outputs to {@code output} from "
                + "{@code to}.");
        m.setBody(new BlockStmt());
        return m;
    }

    /**
     * {@code forwardOne(input, output)}: one sample through every layer (slot 0), calling the
     * one-sample twins of chunk-native kernels; the template's one-sample {@code forward} calls it.
     */
    private MethodDeclaration forwardOne(ClassOrInterfaceDeclaration cls) {
        MethodDeclaration m = cls.addMethod("forwardOne", Modifier.Keyword.PRIVATE);
        m.addParameter(new Parameter(EmitContext.floats(), KernelEmitter.INPUT));
        m.addParameter(new Parameter(EmitContext.floats(), "output"));
        m.setJavadocComment("Runs one sample of {@code input} through the layers (slot 0 of the buffers) into "
                + "{@code output}.");
        BlockStmt body = new BlockStmt();
        body.addStatement(Ast.local(Ast.INT, EmitContext.FROM, Literals.integer(0)));
        body.addStatement(Ast.local(Ast.INT, EmitContext.COUNT, Literals.integer(1)));
        m.setBody(body);
        return m;
    }

    /** {@code (float[] input, int from, int count)}: the samples a forward step runs. */
    private static void slotParameters(MethodDeclaration m) {
        m.addParameter(new Parameter(EmitContext.floats(), KernelEmitter.INPUT));
        m.addParameter(new Parameter(Ast.INT, EmitContext.FROM));
        m.addParameter(new Parameter(Ast.INT, EmitContext.COUNT));
    }
}
