package dev.cnnc.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutated IDX files (plain or gzipped) only ever read or fail with a DataException naming the
 * file: 10,000 mutated headers and bodies in memory, 1,000 image/label pairs on disk.
 */
class IdxFuzzTest {
    private static final byte[] IMAGES = IdxFiles.images(5, 4, 3);
    private static final byte[] LABELS = IdxFiles.labels(0, 1, 2, 3, 4);
    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("idx-fuzz");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 1000)
    void mutatedFilesFailCleanly(@ForAll boolean gzip, @ForAll boolean mutateLabels,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 200) Integer> positions,
            @ForAll @Size(min = 4, max = 4) List<Byte> values, @ForAll @IntRange(min = 0, max = 300) int cut)
            throws IOException {
        byte[] target = (mutateLabels ? LABELS : IMAGES).clone();
        if (gzip) {
            target = IdxFiles.gzip(target);
        }
        for (int i = 0; i < positions.size(); i++) {
            target[positions.get(i) % target.length] = values.get(i);
        }
        if (cut < target.length) {
            target = java.util.Arrays.copyOf(target, cut);
        }
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        Files.write(images, mutateLabels ? IMAGES : target);
        Files.write(labels, mutateLabels ? target : LABELS);
        try {
            Dataset d = IdxReader.read(images, labels);
            if (d.size() != d.labels().length) {
                throw new AssertionError("inconsistent dataset");
            }
        } catch (DataException expected) {
            if (!expected.getMessage().startsWith(dir.toString())) {
                throw new AssertionError("message without the file: " + expected.getMessage());
            }
        }
    }

    /** In memory, so that 10,000 cases fit the CI budget: header-heavy edits of either file kind. */
    @Property(tries = 10_000)
    void mutatedBytesInMemoryFailCleanly(@ForAll @IntRange(min = 0, max = 2) int gzip, @ForAll boolean labels,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 40) Integer> positions,
            @ForAll @Size(min = 4, max = 4) List<Byte> values, @ForAll @IntRange(min = 0, max = 120) int cut)
            throws IOException {
        byte[] target = (labels ? LABELS : IMAGES).clone();
        if (gzip == 1) { // a corrupt gzip stream
            target = IdxFiles.gzip(target);
        }
        for (int i = 0; i < positions.size(); i++) {
            target[positions.get(i) % target.length] = values.get(i);
        }
        if (cut < target.length) {
            target = java.util.Arrays.copyOf(target, cut);
        }
        if (gzip == 2 && target.length > 0) { // a broken IDX file inside a sound gzip stream
            target = IdxFiles.gzip(target);
        }
        try {
            IdxReader.Idx idx = IdxReader.readIdx("fuzz", new java.io.ByteArrayInputStream(target), target.length,
                    labels ? 1 : 3);
            long expected = 1;
            for (int d : idx.dims()) {
                expected *= d;
            }
            if (idx.data().length != expected) {
                throw new AssertionError("data does not match the header's dimensions");
            }
        } catch (DataException expected) {
            if (!expected.getMessage().startsWith("fuzz: ")) {
                throw new AssertionError("message without the file: " + expected.getMessage());
            }
        }
    }
}
