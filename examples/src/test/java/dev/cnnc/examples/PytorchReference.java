package dev.cnnc.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed PyTorch numbers of the examples ({@code pytorch-reference.txt}, written by
 * {@code tools/pytorch_reference.py}, which builds each example by hand as an nn.Module).
 * Tab-separated records: {@code model}, {@code layer}, {@code tensor}, {@code total},
 * {@code end}; {@code #} starts a comment line.
 */
final class PytorchReference {
    static final String RESOURCE = "/pytorch-reference.txt";

    /**
     * One layer: output shape of one sample, trainable parameters, MACs (conv/linear only),
     * and the receptive field on the input as "size/jump" per axis ({@code 6x6/2x2}), or
     * {@code -} where every output sees the whole input (after flatten, dense, global pooling).
     */
    record Layer(String name, String type, List<Integer> shape, long params, long macs, String receptiveField) {
        /** Whether the receptive field is a window (not the whole input). */
        boolean hasWindowField() {
            return !receptiveField.equals("-");
        }
    }

    /** One example as PyTorch sees it; {@code tensors} maps state_dict keys to shapes. */
    record Model(String name, String file, List<Integer> input, List<Layer> layers,
                 Map<String, List<Integer>> tensors, long totalParams, long totalMacs) {
    }

    private PytorchReference() {
    }

    /** All models in file order, by example name. */
    static Map<String, Model> load() {
        try (InputStream in = PytorchReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Model> parse(String text) {
        Map<String, Model> models = new LinkedHashMap<>();
        Builder current = null;
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            String where = RESOURCE + ":" + lineNo + ": ";
            switch (f[0]) {
                case "model" -> current = new Builder(f[1], f[2], dims(f[3]));
                case "layer" -> require(current, where).layers.add(
                        new Layer(f[1], f[2], dims(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), f[6]));
                case "tensor" -> require(current, where).tensors.put(f[1], dims(f[2]));
                case "total" -> {
                    require(current, where).totalParams = Long.parseLong(f[1]);
                    current.totalMacs = Long.parseLong(f[2]);
                }
                case "end" -> {
                    Model m = require(current, where).build();
                    models.put(m.name(), m);
                    current = null;
                }
                default -> throw new IllegalStateException(where + "unknown record '" + f[0] + "'");
            }
        }
        if (current != null) {
            throw new IllegalStateException(RESOURCE + ": model " + current.name + " has no 'end'");
        }
        return models;
    }

    private static Builder require(Builder b, String where) {
        if (b == null) {
            throw new IllegalStateException(where + "record outside a model");
        }
        return b;
    }

    private static List<Integer> dims(String csv) {
        return Arrays.stream(csv.split(",")).map(Integer::valueOf).toList();
    }

    private static final class Builder {
        final String name;
        final String file;
        final List<Integer> input;
        final List<Layer> layers = new ArrayList<>();
        final Map<String, List<Integer>> tensors = new LinkedHashMap<>();
        long totalParams = -1;
        long totalMacs = -1;

        Builder(String name, String file, List<Integer> input) {
            this.name = name;
            this.file = file;
            this.input = input;
        }

        Model build() {
            return new Model(name, file, input, List.copyOf(layers), Map.copyOf(tensors), totalParams, totalMacs);
        }
    }
}
