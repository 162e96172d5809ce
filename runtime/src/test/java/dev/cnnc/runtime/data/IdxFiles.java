package dev.cnnc.runtime.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX bytes for tests. */
final class IdxFiles {
    private IdxFiles() {
    }

    /** An IDX file: the magic, the dimensions (big-endian int32) and {@code dataBytes} bytes i % 256. */
    static byte[] idx(int magic, int[] dims, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        for (int i = 0; i < dataBytes; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    static byte[] images(int count, int rows, int cols) {
        return idx(IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, count * rows * cols);
    }

    static byte[] labels(int... values) {
        byte[] b = idx(IdxReader.LABELS_MAGIC, new int[] {values.length}, 0);
        byte[] out = java.util.Arrays.copyOf(b, b.length + values.length);
        for (int i = 0; i < values.length; i++) {
            out[b.length + i] = (byte) values[i];
        }
        return out;
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(raw);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
