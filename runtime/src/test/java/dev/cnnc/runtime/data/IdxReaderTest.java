package dev.cnnc.runtime.data;

import static dev.cnnc.runtime.data.IdxFiles.gzip;
import static dev.cnnc.runtime.data.IdxFiles.idx;
import static dev.cnnc.runtime.data.IdxFiles.images;
import static dev.cnnc.runtime.data.IdxFiles.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdxReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws Exception {
        byte[] img = images(3, 2, 2); // pixel bytes 0..11
        int[] lab = {7, 0, 255};
        Dataset plain = IdxReader.read(file("i", img), file("l", labels(lab)));
        Dataset gz = IdxReader.read(file("i.gz", gzip(img)), file("l.gz", gzip(labels(lab))));
        for (Dataset d : new Dataset[] {plain, gz}) {
            assertEquals(3, d.size());
            assertArrayEquals(new int[] {1, 2, 2}, d.imageShape());
            assertArrayEquals(lab, d.labels());
            assertArrayEquals(new float[] {4 / 255f, 5 / 255f, 6 / 255f, 7 / 255f}, d.image(1));
        }
    }

    @Test
    void readsAFileOf255() throws Exception {
        byte[] img = idx(IdxReader.IMAGES_MAGIC, new int[] {1, 1, 1}, 0);
        img = Arrays.copyOf(img, img.length + 1);
        img[img.length - 1] = (byte) 255;
        assertEquals(1f, IdxReader.read(file("i", img), file("l", labels(3))).pixels()[0]);
    }

    private static byte[] withByte(byte[] in, int index, int value) {
        byte[] out = in.clone();
        out[index] = (byte) value;
        return out;
    }

    static Stream<Arguments> brokenImages() {
        byte[] ok = images(4, 3, 3);
        byte[] gz = gzip(ok);
        byte[] corrupt = gz.clone();
        for (int i = 12; i < corrupt.length - 10; i++) {
            corrupt[i] ^= 0x5a;
        }
        return Stream.of(
                Arguments.of("empty", new byte[0], "empty file (0 bytes); expected an IDX image file (magic 0x00000803)"),
                Arguments.of("3 bytes", new byte[] {0, 0, 8}, "only 3 bytes, too short for the 4-byte IDX magic"),
                Arguments.of("a PNG", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10},
                        "not an IDX file: it starts with 0x89504E47, expected 0x00000803"),
                Arguments.of("float elements", idx(0x00000D03, new int[] {1, 1, 1}, 4), "element type 0x0D"),
                Arguments.of("a label file", labels(1, 2), "found magic 0x00000801 (1 dimension: a label file)"),
                Arguments.of("header cut short", Arrays.copyOf(ok, 10), "the header ends early: 3 dimensions need 12 bytes"),
                Arguments.of("zero images", images(0, 28, 28), "the header's count is 0"),
                Arguments.of("negative rows", idx(IdxReader.IMAGES_MAGIC, new int[] {1, -28, 28}, 0),
                        "the header's rows is 4294967268 (negative as a signed int32)"),
                Arguments.of("truncated data", Arrays.copyOf(ok, ok.length - 5),
                        "truncated: the header announces 4 images of 3×3 (36 bytes of data), but the file holds only 31"),
                Arguments.of("extra bytes", Arrays.copyOf(ok, ok.length + 2), "2 unexpected bytes at the end"),
                Arguments.of("10^9 images", idx(IdxReader.IMAGES_MAGIC, new int[] {1_000_000_000, 28, 28}, 1000),
                        "more than the 2147483639 bytes cnnc can hold"),
                Arguments.of("10^6 images in 1 KB", idx(IdxReader.IMAGES_MAGIC, new int[] {1_000_000, 28, 28}, 1000),
                        "announces 1000000 images of 28×28 (784000000 bytes of data), but the file holds only 1000"),
                Arguments.of("10^6 images in 1 KB gzipped", gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {1_000_000, 28, 28}, 1000)),
                        "impossible for a gzip file of"),
                Arguments.of("10^9 images of 1×1 in 1 KB", idx(IdxReader.IMAGES_MAGIC, new int[] {1_000_000_000, 1, 1}, 1000),
                        "(1000000000 bytes of data), but the file holds only 1000"),
                Arguments.of("10^9 images of 1×1 in 1 KB gzipped",
                        gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {1_000_000_000, 1, 1}, 1000)), "impossible for a gzip file of"),
                Arguments.of("gzip cut short", Arrays.copyOf(gz, gz.length - 12), "corrupt or truncated gzip data"),
                Arguments.of("gzip cut inside its header", Arrays.copyOf(gz, 5), "corrupt or truncated gzip data (the gzip stream ends early)"),
                Arguments.of("gzip cut inside its trailer", Arrays.copyOf(gz, gz.length - 3), "corrupt or truncated gzip data"),
                Arguments.of("gzip with a bad method", withByte(gz, 2, 7), "corrupt or truncated gzip data (Unsupported compression method)"),
                Arguments.of("gzip corrupt", corrupt, "corrupt or truncated gzip data"),
                Arguments.of("gzip of too few images", gzip(Arrays.copyOf(ok, ok.length - 9)),
                        "truncated: the header announces 4 images of 3×3 (36 bytes of data), but the file holds only 27"),
                Arguments.of("gzip with trailing data", gzip(Arrays.copyOf(ok, ok.length + 1)),
                        "unexpected bytes after the 4 images of 3×3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenImages")
    void brokenImageFileIsReported(String what, byte[] bytes, String fragment) throws Exception {
        Path images = file("train-images-idx3-ubyte", bytes);
        Path labels = file("train-labels-idx1-ubyte", labels(1, 2, 3, 4));
        DataException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(DataException.class, () -> IdxReader.read(images, labels)));
        assertTrue(e.getMessage().startsWith(images + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void labelFileProblemsNameTheLabelFile() throws Exception {
        Path images = file("i", images(4, 3, 3));
        Path wrongKind = file("l1", images(4, 3, 3));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(images, wrongKind));
        assertEquals(wrongKind + ": expected an IDX label file (magic 0x00000801), found magic 0x00000803"
                + " (3 dimensions: an image file)", e.getMessage());

        Path fewer = file("l2", labels(1, 2, 3));
        e = assertThrows(DataException.class, () -> IdxReader.read(images, fewer));
        assertEquals(fewer + ": holds 3 labels, but " + images + " holds 4 images; they must pair up one to one",
                e.getMessage());
    }

    @Test
    void folderLoaderFindsPlainAndGzippedFiles() throws Exception {
        file(IdxDirectory.TRAIN_IMAGES + ".gz", gzip(images(2, 4, 4)));
        file(IdxDirectory.TRAIN_LABELS, labels(1, 2));
        file(IdxDirectory.TEST_IMAGES, images(1, 4, 4));
        file(IdxDirectory.TEST_LABELS + ".gz", gzip(labels(9)));
        assertTrue(IdxDirectory.looksLikeIdx(dir));
        IdxDirectory.Splits s = IdxDirectory.load(dir);
        assertEquals(2, s.train().size());
        assertEquals(9, s.test().label(0));
    }

    @Test
    void folderLoaderListsEveryMissingFile() throws Exception {
        file(IdxDirectory.TRAIN_IMAGES, images(2, 4, 4));
        DataException e = assertThrows(DataException.class, () -> IdxDirectory.load(dir));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir + ": missing train-labels-idx1-ubyte (or train-labels-idx1-ubyte.gz)"),
                e.getMessage());
    }

    @Test
    void folderLoaderRefusesAmbiguityAndMismatchedShapes() throws Exception {
        file(IdxDirectory.TRAIN_IMAGES, images(2, 4, 4));
        file(IdxDirectory.TRAIN_IMAGES + ".gz", gzip(images(2, 4, 4)));
        DataException e = assertThrows(DataException.class, () -> IdxDirectory.load(dir));
        assertTrue(e.getMessage().contains("both train-images-idx3-ubyte and train-images-idx3-ubyte.gz exist"));

        Files.delete(dir.resolve(IdxDirectory.TRAIN_IMAGES + ".gz"));
        file(IdxDirectory.TRAIN_LABELS, labels(1, 2));
        file(IdxDirectory.TEST_IMAGES, images(1, 5, 5));
        file(IdxDirectory.TEST_LABELS, labels(3));
        e = assertThrows(DataException.class, () -> IdxDirectory.load(dir));
        assertTrue(e.getMessage().contains("test images are 5×5 but the train images in train-images-idx3-ubyte are 4×4"),
                e.getMessage());
    }

    @Test
    void missingFolderIsReported() {
        DataException e = assertThrows(DataException.class, () -> IdxDirectory.load(dir.resolve("nope")));
        assertTrue(e.getMessage().endsWith("nope: no such directory"), e.getMessage());
    }
}
