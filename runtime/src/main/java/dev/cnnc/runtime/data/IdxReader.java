package dev.cnnc.runtime.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the MNIST format (contract §3), gzipped or not.
 *
 * <p>Layout: a big-endian magic {@code 0x0000TTDD} (TT the element type, 0x08 = unsigned byte;
 * DD the number of dimensions), DD big-endian int32 dimensions, then the elements row-major.
 * Image files have 3 dimensions (count, rows, columns), label files 1 (count). A file starting
 * with the gzip magic {@code 0x1f 0x8b} is decompressed on the fly.
 *
 * <p>Sizes announced by the header are checked before anything is allocated: against the file
 * size for a plain file, and against the largest possible deflate ratio (1032:1) for a gzipped
 * one; the data is then read into a buffer that grows only as bytes actually arrive. So a header
 * claiming 10^9 images in a 1 KB file is refused, not allocated.
 */
public final class IdxReader {
    /** The magic of an unsigned-byte image file. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The magic of an unsigned-byte label file. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Deflate's largest compression ratio (RFC 1951 blocks: 258 bytes per ≥ 2 bits, about 1032:1). */
    static final long MAX_DEFLATE_RATIO = 1032;

    private static final int GZIP_MAGIC = 0x1f8b;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** The dimensions and raw bytes of an IDX file. */
    record Idx(int[] dims, byte[] data) {
    }

    private IdxReader() {
    }

    /**
     * Reads an image file and its label file as one dataset with shape {@code [1, rows, cols]}.
     *
     * @throws DataException when either file is malformed or their counts differ
     * @throws IOException when a file cannot be read
     */
    public static Dataset read(Path images, Path labels) throws DataException, IOException {
        Idx img = readIdx(images, 3);
        int[] lab = readLabels(labels);
        int count = img.dims()[0];
        if (lab.length != count) {
            throw new DataException(labels.toString(), "holds " + lab.length + " labels, but "
                    + images + " holds " + count + " images; they must pair up one to one");
        }
        byte[] b = img.data();
        float[] pixels = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            pixels[i] = (b[i] & 0xff) / 255f; // contract §3: value / 255
        }
        return new Dataset(1, img.dims()[1], img.dims()[2], pixels, lab);
    }

    /** Reads a label file (magic 0x00000801) into values 0..255. */
    public static int[] readLabels(Path file) throws DataException, IOException {
        byte[] b = readIdx(file, 1).data();
        int[] labels = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            labels[i] = b[i] & 0xff;
        }
        return labels;
    }

    /** Reads an IDX file of unsigned bytes with {@code rank} dimensions. */
    static Idx readIdx(Path file, int rank) throws DataException, IOException {
        String label = file.toString();
        long fileSize = Files.size(file);
        if (fileSize == 0) {
            throw new DataException(label, "empty file (0 bytes); expected an IDX " + kind(rank));
        }
        try (InputStream raw = Files.newInputStream(file)) {
            return readIdx(label, raw, fileSize, rank);
        }
    }

    /**
     * Reads an IDX file of {@code fileSize} bytes (plain or gzipped) from {@code stream}; the
     * file-free core of {@link #readIdx(Path, int)}, which fuzz tests call in memory.
     */
    static Idx readIdx(String label, InputStream stream, long fileSize, int rank) throws DataException, IOException {
        InputStream raw = new BufferedInputStream(stream, 1 << 16);
        raw.mark(2);
        boolean gz = ((raw.read() << 8) | raw.read()) == GZIP_MAGIC;
        raw.reset();
        try (InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return readBody(label, in, gz, fileSize, rank);
        } catch (ZipException | EOFException e) {
            String detail = e.getMessage() != null ? e.getMessage() : "the gzip stream ends early";
            throw new DataException(label, "corrupt or truncated gzip data (" + detail + ")");
        }
    }

    private static Idx readBody(String label, InputStream in, boolean gz, long fileSize, int rank)
            throws DataException, IOException {
        byte[] head = new byte[4];
        int got = in.readNBytes(head, 0, 4);
        if (got < 4) {
            throw new DataException(label, "only " + got + " bytes" + (gz ? " after decompression" : "")
                    + ", too short for the 4-byte IDX magic");
        }
        checkMagic(label, head, rank);
        byte[] dimBytes = new byte[4 * rank];
        got = in.readNBytes(dimBytes, 0, dimBytes.length);
        if (got < dimBytes.length) {
            throw new DataException(label, "the header ends early: " + rank + " dimensions need "
                    + dimBytes.length + " bytes after the magic, found " + got);
        }
        int[] dims = dims(label, dimBytes, rank);
        long payload = payload(label, dims, rank);
        long headerSize = 4 + 4L * rank;
        if (!gz && payload != fileSize - headerSize) {
            throw new DataException(label, sizeMismatch(dims, rank, payload, fileSize - headerSize));
        }
        if (gz && headerSize + payload > fileSize * MAX_DEFLATE_RATIO + 1024) {
            throw new DataException(label, "the header announces " + describe(dims, rank) + " (" + payload
                    + " bytes), impossible for a gzip file of " + fileSize + " bytes: corrupt header?");
        }
        byte[] data = readGrowing(in, (int) payload);
        if (data.length < payload) {
            throw new DataException(label, sizeMismatch(dims, rank, payload, data.length));
        }
        if (in.read() != -1) {
            throw new DataException(label, "unexpected bytes after the " + describe(dims, rank)
                    + " the header announces");
        }
        return new Idx(dims, data);
    }

    private static void checkMagic(String label, byte[] m, int rank) throws DataException {
        int magic = ((m[0] & 0xff) << 24) | ((m[1] & 0xff) << 16) | ((m[2] & 0xff) << 8) | (m[3] & 0xff);
        int want = rank == 3 ? IMAGES_MAGIC : LABELS_MAGIC;
        String found = String.format("0x%08X", magic);
        if (m[0] != 0 || m[1] != 0) {
            throw new DataException(label, "not an IDX file: it starts with " + found + ", expected "
                    + String.format("0x%08X", want) + " (an IDX " + kind(rank) + ")");
        }
        if ((m[2] & 0xff) != 0x08) {
            throw new DataException(label, "IDX element type 0x" + String.format("%02X", m[2] & 0xff)
                    + " (magic " + found + ") is not supported; cnnc reads unsigned bytes (type 0x08)");
        }
        if (m[3] != rank) {
            String what = m[3] == 3 ? ": an image file" : m[3] == 1 ? ": a label file" : "";
            throw new DataException(label, "expected an IDX " + kind(rank) + ", found magic " + found
                    + " (" + m[3] + (m[3] == 1 ? " dimension" : " dimensions") + what + ")");
        }
    }

    private static int[] dims(String label, byte[] b, int rank) throws DataException {
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = ((b[4 * i] & 0xff) << 24) | ((b[4 * i + 1] & 0xff) << 16)
                    | ((b[4 * i + 2] & 0xff) << 8) | (b[4 * i + 3] & 0xff);
            if (dims[i] <= 0) {
                String name = i == 0 ? "count" : i == 1 ? "rows" : "columns";
                throw new DataException(label, "the header's " + name + " is " + (dims[i] & 0xffffffffL)
                        + (dims[i] < 0 ? " (negative as a signed int32)" : "") + "; it must be at least 1");
            }
        }
        return dims;
    }

    private static long payload(String label, int[] dims, int rank) throws DataException {
        long n = 1;
        for (int d : dims) {
            n *= d; // at most 3 factors < 2^31: can exceed the long range only past 2^93, so check each step
            if (n > MAX_ARRAY) {
                throw new DataException(label, "the header announces " + describe(dims, rank)
                        + ", more than the " + MAX_ARRAY + " bytes cnnc can hold");
            }
        }
        return n;
    }

    private static String sizeMismatch(int[] dims, int rank, long payload, long actual) {
        if (actual < payload) {
            return "truncated: the header announces " + describe(dims, rank) + " (" + payload
                    + " bytes of data), but the file holds only " + actual;
        }
        return "the header announces " + describe(dims, rank) + " (" + payload + " bytes of data), but the"
                + " file holds " + actual + ": " + (actual - payload) + " unexpected bytes at the end";
    }

    private static String describe(int[] dims, int rank) {
        return rank == 3 ? dims[0] + " images of " + dims[1] + "×" + dims[2] : dims[0] + " labels";
    }

    private static String kind(int rank) {
        return rank == 3 ? "image file (magic 0x00000803)" : "label file (magic 0x00000801)";
    }

    /** Reads up to {@code max} bytes, growing the buffer only as data arrives. */
    private static byte[] readGrowing(InputStream in, int max) throws IOException {
        byte[] buf = new byte[Math.min(max, 1 << 20)];
        int n = 0;
        while (n < max) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(max, 2L * buf.length));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }
}
