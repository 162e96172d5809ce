package dev.cnnc.runtime.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {
    @TempDir
    Path dir;

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static Tensors sample() {
        return Tensors.builder()
                .put("conv.weight", new int[] {6, 1, 5, 5}, random(150, 1))
                .put("conv.bias", new int[] {6}, random(6, 2))
                .put("dense.weight", new int[] {10, 150}, random(1500, 3))
                .put("scalar", new int[] {}, new float[] {Float.NaN})
                .put("empty", new int[] {0, 3}, new float[0])
                .put("special", new int[] {4}, new float[] {Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE, 1e38f})
                .metadata("epoch", "3")
                .build();
    }

    @Test
    void roundTripKeepsEveryBitAndTheMetadata() throws Exception {
        Tensors in = sample();
        Path f = dir.resolve("w.safetensors");
        SafetensorsWriter.write(f, in);
        Tensors out = SafetensorsReader.read(f);
        assertEquals(in.asMap(), out.asMap()); // Arrays.equals: NaN and -0 bit patterns compared
        assertEquals(Map.of("epoch", "3"), out.metadata());
        assertEquals(-0f, out.get("special").values()[1]);
        assertTrue(1 / out.get("special").values()[1] < 0, "-0 keeps its sign");
    }

    @Test
    void largeTensorCrossesChunkBoundaries() throws Exception {
        float[] big = random(100_003, 7); // > one 64 KiB chunk, not a multiple of it
        Tensors in = Tensors.builder().put("big", new int[] {100_003}, big).build();
        Path f = dir.resolve("big.safetensors");
        SafetensorsWriter.write(f, in);
        assertArrayEquals(big, SafetensorsReader.read(f).get("big").values());
        assertEquals(8 + SafetensorsWriter.header(in, List.of("big")).length + 4L * big.length, Files.size(f));
    }

    @Test
    void outputIsDeterministicAndSortedByName() throws Exception {
        Tensors a = Tensors.builder().put("b", new int[] {1}, new float[] {2})
                .put("a", new int[] {1}, new float[] {1}).metadata("z", "1").metadata("y", "2").build();
        Tensors b = Tensors.builder().metadata("y", "2").metadata("z", "1")
                .put("a", new int[] {1}, new float[] {1}).put("b", new int[] {1}, new float[] {2}).build();
        byte[] bytes = SafetensorsWriter.toBytes(a);
        assertArrayEquals(bytes, SafetensorsWriter.toBytes(b));
        Path f = dir.resolve("x.safetensors");
        SafetensorsWriter.write(f, a);
        assertArrayEquals(bytes, Files.readAllBytes(f), "file and toBytes agree");

        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"y\":\"2\",\"z\":\"1\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", header.trim());
        assertEquals(1f, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat(8 + (int) n));
    }

    @Test
    void namesNeedingEscapesRoundTrip() throws Exception {
        Tensors in = Tensors.builder().put("q\"uote\\back\nline\u0001é\uD83D\uDE00", new int[] {1}, new float[] {5})
                .metadata("k\t", "v\"").build();
        assertEquals(in, SafetensorsReader.read("mem", SafetensorsWriter.toBytes(in)));
    }

    @Test
    void replacesAnExistingFile() throws Exception {
        Path f = dir.resolve("w.safetensors");
        Files.writeString(f, "old contents");
        SafetensorsWriter.write(f, sample());
        assertEquals(sample(), SafetensorsReader.read(f));
        assertEquals(List.of(f), listDir());
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path f = dir.resolve("w.safetensors");
        Files.writeString(f, "old contents");
        IOException e = assertThrows(IOException.class, () -> dev.cnnc.runtime.AtomicFiles.write(f,
                out -> SafetensorsWriter.writeTo(new FailingChannel(java.nio.channels.Channels.newChannel(out), 100),
                        sample())));
        assertEquals("disk full (simulated)", e.getMessage());
        assertEquals("old contents", Files.readString(f));
        assertEquals(List.of(f), listDir());
    }

    @Test
    void failedRenameRemovesTheTemporaryFile() throws Exception {
        Path target = dir.resolve("occupied");
        Files.createDirectories(target.resolve("child")); // a non-empty directory cannot be replaced
        assertThrows(IOException.class, () -> SafetensorsWriter.write(target, sample()));
        assertTrue(Files.isDirectory(target.resolve("child")));
        assertEquals(List.of(target), listDir());
    }

    @Test
    void missingDirectoryIsAnIoError() {
        assertThrows(IOException.class, () -> SafetensorsWriter.write(dir.resolve("no/such/w.safetensors"), sample()));
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** Passes bytes through until a budget is spent, then fails like a full disk. */
    private static final class FailingChannel implements WritableByteChannel {
        private final WritableByteChannel inner;
        private int budget;

        FailingChannel(WritableByteChannel inner, int budget) {
            this.inner = inner;
            this.budget = budget;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (src.remaining() > budget) {
                throw new IOException("disk full (simulated)");
            }
            budget -= src.remaining();
            return inner.write(src);
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
