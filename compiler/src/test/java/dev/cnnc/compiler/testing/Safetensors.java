package dev.cnnc.compiler.testing;

import dev.cnnc.compiler.ir.ParamTensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Writes safetensors files for tests (8-byte LE header length, JSON header, F32 LE data). */
public final class Safetensors {
    private Safetensors() {
    }

    public static byte[] write(List<ParamTensor> tensors, float[] params) {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long at = 0;
        for (ParamTensor t : tensors) {
            String shape = t.shape().stream().map(String::valueOf).collect(Collectors.joining(","));
            header.append(",").append(json(t.name())).append(":{\"dtype\":\"F32\",\"shape\":[").append(shape)
                    .append("],\"data_offsets\":[").append(at).append(",").append(at + 4L * t.size()).append("]}");
            at += 4L * t.size();
        }
        header.append("}");
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer data = ByteBuffer.allocate((int) at).order(ByteOrder.LITTLE_ENDIAN);
        for (ParamTensor t : tensors) {
            for (int i = 0; i < t.size(); i++) {
                data.putFloat(params[t.offset() + i]);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.writeBytes(h);
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    /** A JSON string literal (escapes quotes, backslashes and control characters). */
    public static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
