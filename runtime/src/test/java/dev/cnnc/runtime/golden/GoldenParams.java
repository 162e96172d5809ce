package dev.cnnc.runtime.golden;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The {@code params} object of a case (or one layer of a network case), with typed getters.
 *
 * <p>The manifest holds no floating-point numbers: non-integer values are strings such as
 * {@code "1e-4"}, which {@link #dbl} parses. Getters fail with a message naming the case and key.
 */
public final class GoldenParams {
    private final String where;
    private final Map<String, Object> map;

    GoldenParams(String where, Map<String, Object> map) {
        this.where = where;
        this.map = Collections.unmodifiableMap(map);
    }

    /** Returns true when the key is present. */
    public boolean has(String key) {
        return map.containsKey(key);
    }

    /** Returns the raw value (String, Integer, Boolean, List or Map), or throws if absent. */
    public Object raw(String key) {
        if (!map.containsKey(key)) {
            throw new IllegalArgumentException(where + ": no parameter '" + key + "'; have " + map.keySet());
        }
        return map.get(key);
    }

    /** Returns an integer parameter. */
    public int integer(String key) {
        Object v = raw(key);
        if (!(v instanceof Integer i)) {
            throw new IllegalArgumentException(where + "." + key + ": expected an integer, found " + v);
        }
        return i;
    }

    /** Returns a list of integers; a single integer becomes a one-element array. */
    public int[] ints(String key) {
        Object v = raw(key);
        if (v instanceof Integer i) {
            return new int[] {i};
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(where + "." + key + ": expected a list of integers, found " + v);
        }
        int[] out = new int[list.size()];
        for (int k = 0; k < out.length; k++) {
            if (!(list.get(k) instanceof Integer i)) {
                throw new IllegalArgumentException(where + "." + key + ": element " + k + " is not an integer");
            }
            out[k] = i;
        }
        return out;
    }

    /** Returns a number given as a string ({@code "1e-4"}) or an integer. */
    public double dbl(String key) {
        return toDouble(raw(key), where + "." + key);
    }

    /** Returns a boolean parameter. */
    public boolean bool(String key) {
        Object v = raw(key);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(where + "." + key + ": expected a boolean, found " + v);
        }
        return b;
    }

    /** Returns a string parameter. */
    public String str(String key) {
        Object v = raw(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(where + "." + key + ": expected a string, found " + v);
        }
        return s;
    }

    /** Returns a nested object parameter (e.g. a network's {@code loss}). */
    @SuppressWarnings("unchecked")
    public GoldenParams object(String key) {
        Object v = raw(key);
        if (!(v instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(where + "." + key + ": expected an object, found " + v);
        }
        return new GoldenParams(where + "." + key, (Map<String, Object>) v);
    }

    /** Returns a list of objects (e.g. a network's {@code layers}), in order. */
    @SuppressWarnings("unchecked")
    public List<GoldenParams> objects(String key) {
        Object v = raw(key);
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException(where + "." + key + ": expected a list, found " + v);
        }
        List<GoldenParams> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(where + "." + key + "[" + i + "]: expected an object");
            }
            out.add(new GoldenParams(where + "." + key + "[" + i + "]", (Map<String, Object>) m));
        }
        return out;
    }

    /** Returns the keys, in manifest order. */
    public List<String> keys() {
        return List.copyOf(map.keySet());
    }

    static double toDouble(Object v, String where) {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": not a number: \"" + s + "\"", e);
            }
        }
        throw new IllegalArgumentException(where + ": expected a number as a string, found " + v);
    }

    @Override
    public String toString() {
        return where + map;
    }
}
