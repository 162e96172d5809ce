package dev.cnnc.runtime.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code torch_reference.txt}, made by {@code tools/make_trainer_fixtures.py} with PyTorch:
 * one tensor per line, {@code name|shape|values}.
 */
final class TorchReference {
    private static Map<String, double[]> values;

    private TorchReference() {
    }

    /** Returns the named tensor as floats. */
    static float[] floats(String name) {
        double[] d = doubles(name);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** Returns the named tensor as doubles. */
    static synchronized double[] doubles(String name) {
        if (values == null) {
            values = load();
        }
        double[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("torch_reference.txt has no " + name);
        }
        return v.clone();
    }

    private static Map<String, double[]> load() {
        Map<String, double[]> out = new HashMap<>();
        try (InputStream in = TorchReference.class.getResourceAsStream("torch_reference.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\\|", -1);
                String[] nums = parts[2].trim().split(" ");
                double[] d = new double[nums.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = Double.parseDouble(nums[i]);
                }
                out.put(parts[0], d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
