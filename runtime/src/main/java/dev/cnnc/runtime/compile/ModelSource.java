package dev.cnnc.runtime.compile;

import dev.cnnc.compiler.ir.ParamTensor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the loader needs from code generation: the Java files, the binary name of the
 * model class among them, and its parameter tensors in flat-array order.
 *
 * @param files     relative path ({@code com/acme/LeNet5.java}) to source text
 * @param mainClass binary name of the model class, e.g. {@code com.acme.LeNet5}
 */
public record ModelSource(Map<String, String> files, String mainClass, List<ParamTensor> params) {
    public ModelSource {
        files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
        Objects.requireNonNull(mainClass, "mainClass");
        params = List.copyOf(params);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no source files");
        }
    }
}
