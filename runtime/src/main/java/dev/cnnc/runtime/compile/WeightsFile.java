package dev.cnnc.runtime.compile;

import dev.cnnc.compiler.ir.ParamTensor;
import dev.cnnc.runtime.InvalidFileException;
import dev.cnnc.runtime.IoErrors;
import dev.cnnc.runtime.safetensors.SafetensorsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Reads a weights file (safetensors) into a model's flat parameter array, checking it fits. */
public final class WeightsFile {
    private WeightsFile() {
    }

    /**
     * The flat parameters stored in {@code file} for a model with {@code params}.
     *
     * @param file the path as the user gave it (printed in messages)
     * @throws InvalidFileException when the file cannot be read, is not a valid safetensors
     *                              file, or its tensors do not fit (every missing, unexpected
     *                              or wrongly shaped tensor, with both shapes)
     */
    public static float[] read(String file, List<ParamTensor> params) throws InvalidFileException {
        try {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new InvalidFileException(file, "cannot read: is a directory");
            }
            return ParamWeights.flatten(file, SafetensorsReader.read(path), params);
        } catch (InvalidPathException e) {
            throw new InvalidFileException(file, "cannot read: not a valid path (" + e.getReason() + ")");
        } catch (IOException e) {
            throw new InvalidFileException(file, "cannot read: " + IoErrors.describe(e));
        }
    }
}
