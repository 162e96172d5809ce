package dev.cnnc.runtime.safetensors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the parsed JSON of a safetensors header into a {@link Header}, checking everything the
 * format requires (https://huggingface.co/docs/safetensors, "Format").
 *
 * <p>Checked: each tensor is an object with a known {@code dtype}, a {@code shape} of
 * non-negative integers and {@code data_offsets} {@code [begin, end]} inside the data region
 * with {@code end - begin = dtype size × prod(shape)}; {@code __metadata__} maps strings to
 * strings; and the tensors tile the data region exactly: no overlap, no gap, nothing after the
 * last one. All problems of the entries are collected (up to {@value #MAX_PROBLEMS}).
 */
final class HeaderParser {
    private static final int MAX_PROBLEMS = 20;

    private final long dataSize;
    private final List<String> problems = new ArrayList<>();

    private HeaderParser(long dataSize) {
        this.dataSize = dataSize;
    }

    /**
     * Validates {@code json} as the header of a file whose data region has {@code dataSize} bytes.
     *
     * @throws SafetensorsException listing the problems found, prefixed with {@code file}
     */
    static Header parse(String file, Json.Value json, long dataSize) throws SafetensorsException {
        return new HeaderParser(dataSize).run(file, json);
    }

    private Header run(String file, Json.Value json) throws SafetensorsException {
        if (!(json instanceof Json.Obj obj)) {
            throw new SafetensorsException(file, "the header must be a JSON object, found " + json.kind());
        }
        List<Header.Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, Json.Value> m : obj.members().entrySet()) {
            if (m.getKey().equals(Tensors.METADATA_KEY)) {
                metadata(m.getValue(), metadata);
            } else {
                Header.Entry e = entry(m.getKey(), m.getValue());
                if (e != null) {
                    entries.add(e);
                }
            }
            if (problems.size() >= MAX_PROBLEMS) {
                break;
            }
        }
        if (problems.isEmpty()) {
            checkLayout(entries);
        }
        if (!problems.isEmpty()) {
            throw new SafetensorsException(file, problems);
        }
        return new Header(entries, metadata, dataSize);
    }

    private void metadata(Json.Value v, Map<String, String> out) {
        if (!(v instanceof Json.Obj obj)) {
            problems.add("\"__metadata__\" must be an object of strings, found " + v.kind());
            return;
        }
        for (Map.Entry<String, Json.Value> m : obj.members().entrySet()) {
            if (m.getValue() instanceof Json.Str s) {
                out.put(m.getKey(), s.value());
            } else {
                problems.add("\"__metadata__\" value of \"" + m.getKey() + "\" must be a string, found "
                        + m.getValue().kind());
            }
        }
    }

    private Header.Entry entry(String name, Json.Value v) {
        String where = "tensor '" + name + "': ";
        if (name.isEmpty()) {
            problems.add("a tensor has an empty name");
            return null;
        }
        if (!(v instanceof Json.Obj obj)) {
            problems.add(where + "expected an object {dtype, shape, data_offsets}, found " + v.kind());
            return null;
        }
        int before = problems.size();
        DType dtype = dtype(where, obj.members().get("dtype"));
        long[] dims = longs(where, "shape", obj.members().get("shape"), -1, Integer.MAX_VALUE);
        long[] offsets = longs(where, "data_offsets", obj.members().get("data_offsets"), 2, Long.MAX_VALUE);
        if (problems.size() > before) {
            return null;
        }
        int[] shape = new int[dims.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) dims[i];
        }
        long count = count(where, shape);
        if (count < 0) {
            return null;
        }
        long begin = offsets[0];
        long end = offsets[1];
        String range = "data_offsets [" + begin + ", " + end + "]";
        if (begin > end) {
            problems.add(where + range + " end before they begin");
        } else if (end > dataSize) {
            problems.add(where + range + " run past the end of the data region, which has "
                    + dataSize + " bytes");
        } else if (end - begin != count * dtype.size()) {
            problems.add(where + range + " hold " + (end - begin) + " bytes, but " + dtype + " × "
                    + Tensor.shapeString(shape) + " needs " + count * dtype.size() + " bytes");
        } else {
            return new Header.Entry(name, dtype, shape, begin, end);
        }
        return null;
    }

    private DType dtype(String where, Json.Value v) {
        if (v == null) {
            problems.add(where + "missing \"dtype\"");
            return null;
        }
        if (!(v instanceof Json.Str s)) {
            problems.add(where + "\"dtype\" must be a string, found " + v.kind());
            return null;
        }
        DType t = DType.byName(s.value()).orElse(null);
        if (t == null) {
            problems.add(where + "unknown dtype \"" + s.value() + "\" (known: " + DType.knownNames() + ")");
        } else if (!t.convertible()) {
            problems.add(where + "dtype " + t + " is not supported; cnnc reads F32 and converts F64, "
                    + "F16, BF16 and the integer types");
        }
        return t;
    }

    /**
     * Reads a list of integers in [0, max]; {@code length} ≥ 0 requires exactly that many.
     * Returns null after recording a problem.
     */
    private long[] longs(String where, String field, Json.Value v, int length, long max) {
        if (v == null) {
            problems.add(where + "missing \"" + field + "\"");
            return null;
        }
        String expected = "\"" + field + "\" must be a list of "
                + (length >= 0 ? length + " " : "") + "non-negative integers";
        if (!(v instanceof Json.Arr arr)) {
            problems.add(where + expected + ", found " + v.kind());
            return null;
        }
        if (length >= 0 && arr.elements().size() != length) {
            problems.add(where + expected + ", found " + arr.elements().size() + " elements");
            return null;
        }
        long[] values = new long[arr.elements().size()];
        for (int i = 0; i < values.length; i++) {
            Json.Value e = arr.elements().get(i);
            Long n = e instanceof Json.Num num ? num.asLong() : null;
            if (n == null || n < 0 || n > max) {
                String found = e instanceof Json.Num num ? num.text() : e.kind();
                problems.add(where + expected + (n != null && n > max ? " up to " + max : "")
                        + ", found " + found + " at index " + i);
                return null;
            }
            values[i] = n;
        }
        return values;
    }

    private long count(String where, int[] shape) {
        try {
            return Tensor.elementCount(shape);
        } catch (IllegalArgumentException e) {
            problems.add(where + "shape " + Tensor.shapeString(shape) + " has more than "
                    + Integer.MAX_VALUE + " elements, too many for cnnc");
            return -1;
        }
    }

    /** Checks that the byte ranges tile [0, dataSize) exactly, as the format requires. */
    private void checkLayout(List<Header.Entry> entries) {
        List<Header.Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Header.Entry::begin).thenComparingLong(Header.Entry::end));
        long covered = 0;
        Header.Entry last = null;
        for (Header.Entry e : sorted) {
            if (e.begin() < covered) {
                problems.add("tensors '" + last.name() + "' (bytes " + range(last) + ") and '" + e.name()
                        + "' (bytes " + range(e) + ") overlap");
            } else if (e.begin() > covered) {
                problems.add("bytes [" + covered + ", " + e.begin() + ") of the data region belong to no"
                        + " tensor (the format allows no gaps); next is '" + e.name() + "'");
            }
            if (e.end() >= covered) {
                covered = e.end();
                last = e;
            }
        }
        if (covered < dataSize) {
            problems.add("the last " + (dataSize - covered) + " bytes of the data region belong to no tensor"
                    + " (the format allows nothing after the last tensor)");
        }
    }

    private static String range(Header.Entry e) {
        return "[" + e.begin() + ", " + e.end() + ")";
    }
}
