/**
 * Reading and writing weights as safetensors files (contract §1.4).
 *
 * <p>{@link dev.cnnc.runtime.safetensors.SafetensorsReader} validates a file completely
 * (sizes checked against the real file before allocating, a strict JSON parser for the header,
 * no overlapping tensors and no gaps) and returns {@link dev.cnnc.runtime.safetensors.Tensors};
 * {@link dev.cnnc.runtime.safetensors.SafetensorsWriter} writes F32 little-endian files
 * deterministically (sorted names, header padded to 8 bytes) and atomically. A bad file becomes a
 * {@link dev.cnnc.runtime.safetensors.SafetensorsException} with {@code FILE: reason} lines, which
 * the command line prints before exiting with code 1. When weights meet a model,
 * {@link dev.cnnc.runtime.safetensors.Tensors#requireMatch} lists every missing, unexpected or
 * wrongly shaped tensor with both shapes. Tensor names and layouts are PyTorch's
 * {@code state_dict()}.
 */
package dev.cnnc.runtime.safetensors;
