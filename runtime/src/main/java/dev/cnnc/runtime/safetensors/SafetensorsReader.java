package dev.cnnc.runtime.safetensors;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads safetensors files (https://huggingface.co/docs/safetensors) into {@link Tensors}.
 *
 * <p>Layout: an unsigned 64-bit little-endian header length N, N bytes of UTF-8 JSON
 * {@code {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}}, then the
 * data region, with offsets relative to its start. Every size is checked against the real file
 * size before anything is allocated, so a corrupt or hostile file fails with a
 * {@link SafetensorsException} ({@code FILE: reason}) and never with an out-of-memory error.
 * Elements that are not F32 are converted to float (see {@link DType}).
 */
public final class SafetensorsReader {
    /** The largest header accepted, as in the reference implementation (100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final int CHUNK = 1 << 16;

    private SafetensorsReader() {
    }

    /**
     * Reads every tensor of {@code file}.
     *
     * @throws SafetensorsException when the file is not a valid safetensors file
     * @throws IOException when it cannot be read (missing, a directory, an I/O error)
     */
    public static Tensors read(Path file) throws SafetensorsException, IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file.toString(), new ChannelSource(ch));
        }
    }

    /**
     * Reads every tensor of a safetensors file held in memory.
     *
     * @param label the name to use in messages
     * @throws SafetensorsException when the bytes are not a valid safetensors file
     */
    public static Tensors read(String label, byte[] bytes) throws SafetensorsException {
        try {
            return read(label, new ArraySource(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }

    /**
     * Reads and validates only the header of {@code file}, leaving the data unread.
     *
     * @throws SafetensorsException when the header is not valid
     * @throws IOException when the file cannot be read
     */
    public static Header readHeader(Path file) throws SafetensorsException, IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(file.toString(), new ChannelSource(ch));
        }
    }

    private static Tensors read(String label, Source src) throws SafetensorsException, IOException {
        Header header = header(label, src);
        long dataStart = src.size() - header.dataSize();
        Tensors.Builder b = Tensors.builder();
        for (Header.Entry e : header.entries()) {
            float[] values = new float[e.elementCount()];
            readValues(label, src, dataStart + e.begin(), e.dtype(), values);
            b.put(e.name(), e.shape(), values);
        }
        header.metadata().forEach(b::metadata);
        return b.build();
    }

    private static Header header(String label, Source src) throws SafetensorsException, IOException {
        long size = src.size();
        if (size == 0) {
            throw new SafetensorsException(label, "empty file (0 bytes); a safetensors file starts with"
                    + " an 8-byte header length");
        }
        if (size < 8) {
            throw new SafetensorsException(label, "file is only " + size + " bytes, shorter than the 8-byte"
                    + " header length a safetensors file starts with");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(label, src, 0, lenBuf);
        long n = lenBuf.getLong(0); // unsigned; a negative value means ≥ 2^63
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new SafetensorsException(label, "header length " + Long.toUnsignedString(n)
                    + " is over the limit of " + MAX_HEADER_BYTES + " bytes: not a safetensors file?");
        }
        if (n > size - 8) {
            throw new SafetensorsException(label, "header length " + n + " runs past the end of the file ("
                    + size + " bytes, so at most " + (size - 8) + "): truncated file?");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) n);
        readFully(label, src, 8, headerBuf);
        Json.Value json = parseJson(label, headerBuf.array());
        return HeaderParser.parse(label, json, size - 8 - n);
    }

    private static Json.Value parseJson(String label, byte[] bytes) throws SafetensorsException {
        String text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsException(label, "the header is not valid UTF-8 text");
        }
        try {
            return JsonParser.parse(text);
        } catch (JsonParser.JsonSyntaxException e) {
            throw new SafetensorsException(label, "the header is not valid JSON: " + e.getMessage()
                    + " (at character " + e.offset() + " of " + text.length() + ")");
        }
    }

    private static void readValues(String label, Source src, long pos, DType dtype, float[] dst)
            throws SafetensorsException, IOException {
        int perChunk = CHUNK / dtype.size();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < dst.length; ) {
            int n = Math.min(perChunk, dst.length - done);
            buf.clear().limit(n * dtype.size());
            readFully(label, src, pos + (long) done * dtype.size(), buf);
            buf.flip();
            dtype.decode(buf, dst, done, n);
            done += n;
        }
    }

    private static void readFully(String label, Source src, long pos, ByteBuffer dst)
            throws SafetensorsException, IOException {
        try {
            src.readFully(pos, dst);
        } catch (EOFException e) {
            throw new SafetensorsException(label, "the file ended early at byte " + pos
                    + " (did it change while being read?)");
        }
    }

    /** Random-access bytes: a file or an array. */
    private interface Source {
        long size() throws IOException;

        /** Fills {@code dst} from {@code pos} on; EOFException when the source ends first. */
        void readFully(long pos, ByteBuffer dst) throws IOException;
    }

    private static final class ChannelSource implements Source {
        private final FileChannel ch;

        ChannelSource(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public void readFully(long pos, ByteBuffer dst) throws IOException {
            long p = pos;
            while (dst.hasRemaining()) {
                int n = ch.read(dst, p);
                if (n < 0) {
                    throw new EOFException();
                }
                p += n;
            }
        }
    }

    private static final class ArraySource implements Source {
        private final byte[] bytes;

        ArraySource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void readFully(long pos, ByteBuffer dst) throws IOException {
            if (pos + dst.remaining() > bytes.length) {
                throw new EOFException();
            }
            dst.put(bytes, (int) pos, dst.remaining());
        }
    }
}
