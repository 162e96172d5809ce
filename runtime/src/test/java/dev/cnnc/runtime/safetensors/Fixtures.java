package dev.cnnc.runtime.safetensors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds safetensors bytes by hand for tests, independently of {@link SafetensorsWriter}. */
final class Fixtures {
    private Fixtures() {
    }

    /** A file with the given 8-byte length prefix, header bytes and data region. */
    static byte[] raw(long headerLength, byte[] header, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLength).put(header);
        for (int i = 0; i < dataBytes; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    /** A file whose header is {@code json} (length prefix correct) followed by {@code dataBytes}. */
    static byte[] withHeader(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return raw(h.length, h, dataBytes);
    }

    /** The JSON header of tensor "a" (F32 [2, 3], bytes 0..24) and "b" (F32 [4], bytes 24..40). */
    static final String VALID_HEADER = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[24,40]}}";

    /** A valid file: {@link #VALID_HEADER} and 40 bytes of data. */
    static byte[] valid() {
        return withHeader(VALID_HEADER, 40);
    }

    /** One line of a {@code *.expected.txt} file made by tools/make_safetensors_fixture.py. */
    record Expected(String name, String dtype, int[] shape, float[] values) {
    }

    /** Reads a {@code *.expected.txt} resource: {@code name dtype d0,d1,... v0 v1 ...} per line. */
    static Map<String, Expected> expected(String resource) throws IOException {
        Map<String, Expected> out = new LinkedHashMap<>();
        for (String line : resourceText(resource).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            int[] shape = f[2].equals("-") ? new int[0]
                    : java.util.Arrays.stream(f[2].split(",")).mapToInt(Integer::parseInt).toArray();
            float[] values = new float[f.length - 3];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) Double.parseDouble(f[i + 3]);
            }
            out.put(f[0], new Expected(f[0], f[1], shape, values));
        }
        return out;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    static String resourceText(String name) throws IOException {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    /** Returns {@code values} as a list (for readable assertion messages). */
    static List<Float> list(float[] values) {
        List<Float> l = new ArrayList<>();
        for (float v : values) {
            l.add(v);
        }
        return l;
    }
}
