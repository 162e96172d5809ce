/**
 * Java code generation: {@link dev.cnnc.compiler.codegen.JavaGenerator#generate} turns a
 * shape-checked network into the source of one stand-alone class ({@link
 * dev.cnnc.compiler.codegen.GeneratedSource}) configured by {@link
 * dev.cnnc.compiler.codegen.GeneratorOptions} (package, class name, {@link
 * dev.cnnc.compiler.codegen.UnrollMode}, embedded weights, provenance for the header).
 *
 * <p>The generated class (contract §4) depends on the JDK only and compiles with plain
 * {@code javac}. Its public members: {@code INPUT_SHAPE}, {@code OUTPUT_SHAPE} ({@code List<Integer>}),
 * {@code INPUT_SIZE}, {@code OUTPUT_SIZE}, {@code PARAM_COUNT} ({@code int}), {@code LABELS}
 * ({@code List<String>}); a constructor from the flat parameter array (state_dict order);
 * {@code load(Path)}, {@code load(InputStream)} (safetensors), {@code embedded()};
 * {@code forward(float[], float[])} (no allocation), {@code forward(float[], float[], int batch)},
 * {@code predict}, {@code classify}, {@code label(int)}, {@code parameters()},
 * {@code parameterNames()} and {@code main} (top classes of PNG/JPEG images).
 *
 * <p>How: each IR op becomes one or more private methods, called in order by {@code forward}
 * (through {@code forward_part} methods when there are more than a thousand). Every buffer is a
 * per-instance array allocated by the constructor (a dropout output shares its input's array;
 * constant padding borders are filled once there).
 * Kernel windows are unrolled with constant offsets into padded buffers; innermost loops are
 * plain counted loops; the {@link dev.cnnc.compiler.codegen.CostModel} keeps every method under
 * HotSpot's 8000-byte JIT limit. Identifiers come from {@link dev.cnnc.compiler.codegen.Names};
 * user text reaches the source only as escaped ASCII string literals, or sanitised in comments.
 * Model-independent members (safetensors and JSON reading, main) come from a parsed Java
 * template resource, {@code ModelSupport.java.template}.
 */
package dev.cnnc.compiler.codegen;
