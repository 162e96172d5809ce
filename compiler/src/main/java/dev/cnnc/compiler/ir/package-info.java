/**
 * The model IR: a typed network lowered to a straight-line list of {@link dev.cnnc.compiler.ir.Op}s
 * over explicit activation {@link dev.cnnc.compiler.ir.Buffer}s, with every trainable tensor
 * placed in one flat parameter array ({@link dev.cnnc.compiler.ir.ParamTensor}, PyTorch
 * {@code state_dict()} order and names).
 *
 * <p>Entry point: {@link dev.cnnc.compiler.ir.Lowering#lower(dev.cnnc.compiler.shape.TypedNetwork)}
 * returns a {@link dev.cnnc.compiler.ir.ModelIr}. Each op names its input and output buffers
 * explicitly and never writes a buffer it reads, so a backward pass can mirror every buffer
 * with a gradient buffer of the same size. Layers that only re-interpret memory (flatten,
 * reshape, identity) produce no op: their output is their input buffer. Dropout is an op
 * ({@link dev.cnnc.compiler.ir.DropoutOp}) with buffers of its own, for training; inference code
 * may share its storage.
 * Padding is an op of its own ({@link dev.cnnc.compiler.ir.PadOp}) that fills a larger buffer,
 * so window ops ({@link dev.cnnc.compiler.ir.ConvOp}, {@link dev.cnnc.compiler.ir.PoolOp})
 * never test bounds.
 */
package dev.cnnc.compiler.ir;
