package dev.cnnc.runtime.safetensors;

import dev.cnnc.runtime.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes {@link Tensors} as a float32 little-endian safetensors file, deterministically and
 * atomically.
 *
 * <p>Deterministic: the same tensors give the same bytes. As PyTorch's {@code save_file} does,
 * tensors are laid out sorted by name (byte-wise UTF-8 order), the header is compact JSON with
 * {@code __metadata__} first (keys sorted; omitted when empty), and it is padded with spaces to a
 * multiple of 8 bytes so that the data region is aligned.
 *
 * <p>Atomic: written through {@link AtomicFiles} (a temporary file in the target's directory,
 * flushed to disk, then renamed over the target). If anything fails, the temporary file is
 * removed and an existing target is left untouched.
 */
public final class SafetensorsWriter {
    private static final int CHUNK = 1 << 16;

    private SafetensorsWriter() {
    }

    /**
     * Writes {@code tensors} to {@code target}, replacing it atomically if it exists.
     *
     * @throws IOException when the directory is missing or not writable, or writing fails
     */
    public static void write(Path target, Tensors tensors) throws IOException {
        AtomicFiles.write(target, out -> writeTo(Channels.newChannel(out), tensors));
    }

    /** Returns the bytes {@link #write(Path, Tensors)} would write. */
    public static byte[] toBytes(Tensors tensors) {
        List<String> names = sortedNames(tensors);
        byte[] header = header(tensors, names);
        long total = 8L + header.length + dataSize(tensors, names);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensors too large for one array: " + total + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(header.length).put(header);
        for (String name : names) {
            for (float v : tensors.get(name).values()) {
                out.putFloat(v);
            }
        }
        return out.array();
    }

    /** Writes the file's bytes to {@code ch}, in chunks (no copy of the whole file in memory). */
    static void writeTo(WritableByteChannel ch, Tensors tensors) throws IOException {
        List<String> names = sortedNames(tensors);
        byte[] header = header(tensors, names);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).flip();
        writeFully(ch, buf);
        writeFully(ch, ByteBuffer.wrap(header));
        for (String name : names) {
            float[] values = tensors.get(name).values();
            for (int done = 0; done < values.length; ) {
                int n = Math.min(CHUNK / 4, values.length - done);
                buf.clear();
                buf.asFloatBuffer().put(values, done, n);
                buf.limit(4 * n);
                writeFully(ch, buf);
                done += n;
            }
        }
    }

    private static void writeFully(WritableByteChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Returns the tensor names in byte-wise UTF-8 order, as Rust's {@code String} sorts them. */
    static List<String> sortedNames(Tensors tensors) {
        List<String> names = new ArrayList<>(tensors.names());
        names.sort((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));
        return names;
    }

    private static long dataSize(Tensors tensors, List<String> names) {
        long size = 0;
        for (String name : names) {
            size += 4L * tensors.get(name).size();
        }
        return size;
    }

    /** Returns the JSON header, padded with spaces to a multiple of 8 bytes. */
    static byte[] header(Tensors tensors, List<String> names) {
        StringBuilder sb = new StringBuilder("{");
        if (!tensors.metadata().isEmpty()) {
            sb.append(quote(Tensors.METADATA_KEY)).append(":{");
            List<String> keys = new ArrayList<>(tensors.metadata().keySet());
            keys.sort((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));
            for (int i = 0; i < keys.size(); i++) {
                sb.append(i > 0 ? "," : "").append(quote(keys.get(i))).append(':')
                        .append(quote(tensors.metadata().get(keys.get(i))));
            }
            sb.append('}');
        }
        long offset = 0;
        for (String name : names) {
            Tensor t = tensors.get(name);
            long end = offset + 4L * t.size();
            sb.append(sb.length() > 1 ? "," : "").append(quote(name))
                    .append(":{\"dtype\":\"F32\",\"shape\":").append(jsonInts(t.shape()))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        sb.append('}');
        byte[] json = utf8(sb.toString());
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static String jsonInts(int[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i > 0 ? "," : "").append(values[i]);
        }
        return sb.append(']').toString();
    }

    /** Quotes a string as serde_json does: escapes quote, backslash and control characters. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
