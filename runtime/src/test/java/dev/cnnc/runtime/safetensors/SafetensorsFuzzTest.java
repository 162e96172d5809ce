package dev.cnnc.runtime.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated files never produce anything but a successful read or a SafetensorsException: no
 * other exception, no out-of-memory error, no stack overflow.
 */
class SafetensorsFuzzTest {

    private static final byte[] BASE = SafetensorsWriter.toBytes(Tensors.builder()
            .put("c1.weight", new int[] {2, 1, 3, 3}, new float[18])
            .put("c1.bias", new int[] {2}, new float[] {1, 2})
            .put("s", new int[] {}, new float[] {3})
            .metadata("format", "pt").build());

    private static final int HEADER_LENGTH =
            (int) ByteBuffer.wrap(BASE).order(ByteOrder.LITTLE_ENDIAN).getLong();

    /** A byte-level edit: overwrite, insert, delete or truncate at a position. */
    record Edit(int kind, int position, byte value) {
        byte[] apply(byte[] in) {
            int p = Math.floorMod(position, in.length + 1);
            switch (kind) {
                case 0:
                    if (p == in.length) {
                        return in;
                    }
                    byte[] o = in.clone();
                    o[p] = value;
                    return o;
                case 1: {
                    byte[] r = new byte[in.length + 1];
                    System.arraycopy(in, 0, r, 0, p);
                    r[p] = value;
                    System.arraycopy(in, p, r, p + 1, in.length - p);
                    return r;
                }
                case 2: {
                    if (p == in.length) {
                        return in;
                    }
                    byte[] r = new byte[in.length - 1];
                    System.arraycopy(in, 0, r, 0, p);
                    System.arraycopy(in, p + 1, r, p, in.length - p - 1);
                    return r;
                }
                default:
                    return Arrays.copyOf(in, p);
            }
        }
    }

    @Provide
    Arbitrary<Edit> edits() {
        // positions mostly inside the length prefix and the header, where structure lives
        Arbitrary<Integer> position = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 8 + HEADER_LENGTH)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, BASE.length)));
        return Combinators.combine(Arbitraries.integers().between(0, 3), position, Arbitraries.bytes())
                .as(Edit::new);
    }

    @Property(tries = 10_000)
    void byteMutationsOnlyEverFailCleanly(@ForAll @Size(min = 1, max = 4) List<@From("edits") Edit> edits) {
        byte[] bytes = BASE;
        for (Edit e : edits) {
            bytes = e.apply(bytes);
        }
        readCleanly(bytes);
    }

    @Provide
    Arbitrary<Character> jsonish() {
        return Arbitraries.of('{', '}', '[', ']', '"', ',', ':', '0', '1', '9', '-', 'e', '.', ' ', '\\', 'u',
                'F', 'I', '8', 't', 'n');
    }

    /** Mutates the header text and rewrites the length prefix to match, so the JSON layer is hit. */
    @Property(tries = 10_000)
    void headerTextMutationsOnlyEverFailCleanly(
            @ForAll("positions") List<Integer> positions, @ForAll @Size(min = 1, max = 4) List<@From("jsonish") Character> chars,
            @ForAll long lengthDelta, @ForAll boolean fixLength) {
        char[] header = new String(BASE, 8, HEADER_LENGTH, StandardCharsets.UTF_8).toCharArray();
        for (int i = 0; i < Math.min(positions.size(), chars.size()); i++) {
            header[Math.floorMod(positions.get(i), header.length)] = chars.get(i);
        }
        byte[] h = new String(header).getBytes(StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOfRange(BASE, 8 + HEADER_LENGTH, BASE.length);
        long length = fixLength ? h.length : h.length + lengthDelta;
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(length).put(h).put(data);
        readCleanly(b.array());
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers().between(0, HEADER_LENGTH - 1).list().ofMinSize(1).ofMaxSize(4);
    }

    private static void readCleanly(byte[] bytes) {
        try {
            Tensors t = SafetensorsReader.read("fuzz", bytes);
            for (Tensor x : t.asMap().values()) {
                assert x.values().length == Tensor.elementCount(x.shape());
            }
        } catch (SafetensorsException expected) {
            if (!expected.getMessage().startsWith("fuzz: ")) {
                throw new AssertionError("message without the file prefix: " + expected.getMessage());
            }
        }
    }
}
