package dev.cnnc.compiler.ir;

import java.util.ArrayList;
import java.util.List;

/** Places tensors one after another in the flat parameter array, in the order requested. */
final class ParamAllocator {
    private final List<ParamTensor> tensors = new ArrayList<>();
    private int next;

    ParamTensor add(String name, boolean trainable, Integer... shape) {
        ParamTensor t = new ParamTensor(name, List.of(shape), next, trainable);
        next = Math.addExact(next, t.size());
        tensors.add(t);
        return t;
    }

    List<ParamTensor> tensors() {
        return List.copyOf(tensors);
    }

    int count() {
        return next;
    }
}
