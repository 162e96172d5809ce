package dev.cnnc.cli;

import dev.cnnc.runtime.safetensors.SafetensorsWriter;
import dev.cnnc.runtime.safetensors.Tensor;
import dev.cnnc.runtime.safetensors.Tensors;
import dev.cnnc.runtime.testing.GoldenNetworks;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/**
 * The binary half of the bad-inputs corpus, made from valid files by the test rather than
 * committed: broken safetensors, images and IDX/CSV data, plus valid ones to break against.
 */
final class BadFiles {
    private static final String ONE = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    private BadFiles() {
    }

    /** Writes every file named in badinputs/cases.tsv under {@code dir}. */
    static void writeAll(Path dir) throws IOException {
        Tensors lenet = GoldenNetworks.weights("lenet5");
        SafetensorsWriter.write(dir.resolve("lenet.safetensors"), lenet);
        SafetensorsWriter.write(dir.resolve("net1d.safetensors"), GoldenNetworks.weights("net1d"));
        byte[] valid = SafetensorsWriter.toBytes(lenet);
        write(dir, "w_empty.safetensors", new byte[0]);
        write(dir, "w_short.safetensors", new byte[] {1, 2, 3, 4, 5});
        write(dir, "w_header_huge.safetensors", withLength(Long.MAX_VALUE, ONE, 8));
        write(dir, "w_header_negative.safetensors", withLength(-1, ONE, 8));
        write(dir, "w_header_beyond.safetensors", withLength(1000, ONE, 8));
        write(dir, "w_header_zero.safetensors", withLength(0, "", 8));
        write(dir, "w_json_broken.safetensors", st("{\"a\":{\"dtype\":", 8));
        write(dir, "w_json_array.safetensors", st("[1,2,3]", 8));
        write(dir, "w_json_not_utf8.safetensors", st("{\"\u00ff\":1}", 8, true));
        write(dir, "w_dtype_unknown.safetensors", st(ONE.replace("F32", "X99"), 8));
        write(dir, "w_dtype_f16.safetensors", st(ONE.replace("F32", "F16").replace("0,8", "0,4"), 4));
        write(dir, "w_offsets_outside.safetensors", st(ONE.replace("0,8", "0,800"), 8));
        write(dir, "w_offsets_reversed.safetensors", st(ONE.replace("0,8", "8,0"), 8));
        write(dir, "w_offsets_shape.safetensors", st(ONE.replace("0,8", "0,4").replace("[2]", "[2]"), 8));
        write(dir, "w_offsets_overlap.safetensors", st("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12));
        write(dir, "w_shape_negative.safetensors", st(ONE.replace("[2]", "[-2]"), 8));
        write(dir, "w_truncated.safetensors", Arrays.copyOf(valid, valid.length - 100));
        write(dir, "w_trailing.safetensors", concat(valid, new byte[16]));
        write(dir, "w_text.safetensors", "this is not a weights file\n".getBytes(StandardCharsets.UTF_8));
        SafetensorsWriter.write(dir.resolve("w_missing_tensor.safetensors"), without(lenet, "fc3.bias", null));
        SafetensorsWriter.write(dir.resolve("w_extra_tensor.safetensors"), without(lenet, null, "fc4.weight"));
        SafetensorsWriter.write(dir.resolve("w_renamed.safetensors"), without(lenet, "conv2.weight", "conv2.kernel"));
        SafetensorsWriter.write(dir.resolve("w_wrong_shape.safetensors"), reshaped(lenet, "fc1.weight", 400, 120));
        Files.createDirectories(dir.resolve("w_dir.safetensors"));
        tensorInputs(dir);
        images(dir);
        Data.write(dir);
        finishedRun(dir);
    }

    /**
     * A finished run of badinputs/specs/train_4x4.yaml in {@code run_done}, made by the real
     * {@code cnnc train}: its checkpoint is what the resume rows give to other specs, its weights
     * what the evaluate rows use, and the folder itself is "another run" for the overwrite rows.
     */
    private static void finishedRun(Path dir) throws IOException {
        Cli r = Cli.run("train", BadInputsCorpusTest.ROOT.resolve("specs/train_4x4.yaml").toString(), "--data",
                dir.resolve("idx_ok").toString(), "-o", dir.resolve("run_done").toString());
        if (r.code() != 0) {
            throw new IllegalStateException("the run the corpus needs failed:\n" + r);
        }
        SafetensorsWriter.write(dir.resolve("w_2x2.safetensors"), Tensors.builder()
                .put("fc.weight", new int[] {3, 4}, new float[12]).put("fc.bias", new int[] {3}, new float[3]).build());
        write(dir, "ckpt_bad_latest/LATEST", "../../etc\n".getBytes(StandardCharsets.UTF_8));
    }

    private static void tensorInputs(Path dir) throws IOException {
        SafetensorsWriter.write(dir.resolve("x_no_input.safetensors"),
                Tensors.builder().put("x", new int[] {1, 1, 28, 28}, new float[784]).build());
        SafetensorsWriter.write(dir.resolve("x_wrong_shape.safetensors"),
                Tensors.builder().put("input", new int[] {2, 1, 27, 28}, new float[2 * 27 * 28]).build());
        SafetensorsWriter.write(dir.resolve("x_flat.safetensors"),
                Tensors.builder().put("input", new int[] {784}, new float[784]).build());
        SafetensorsWriter.write(dir.resolve("x_ok.safetensors"),
                Tensors.builder().put("input", new int[] {1, 1, 28, 28}, new float[784]).build());
        Files.createDirectories(dir.resolve("existing"));
        Files.writeString(dir.resolve("existing/y.safetensors"), "a precious earlier result");
        Files.writeString(dir.resolve("a_file"), "not a directory");
        Files.writeString(dir.resolve("spec_huge.yaml"), "name: m\ninput: [1, 8, 8]\nlayers: [flatten]\n"
                + "# padding\n".repeat(120_000));
    }

    private static void images(Path dir) throws IOException {
        write(dir, "img_text.png", "hello".getBytes(StandardCharsets.UTF_8));
        write(dir, "img_empty.png", new byte[0]);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", png);
        write(dir, "img_truncated.png", Arrays.copyOf(png.toByteArray(), 40));
        ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY), "png",
                dir.resolve("img_20x20.png").toFile());
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("img_ok.png").toFile());
        Files.createDirectories(dir.resolve("img_dir.png"));
    }

    private static Tensors without(Tensors t, String drop, String add) {
        Tensors.Builder b = Tensors.builder();
        t.asMap().forEach((name, v) -> {
            if (!name.equals(drop)) {
                b.put(name, v);
            }
        });
        if (add != null) {
            b.put(add, drop == null ? new Tensor(new int[] {3}, new float[3]) : t.get(drop));
        }
        return b.build();
    }

    private static Tensors reshaped(Tensors t, String name, int... shape) {
        Tensors.Builder b = Tensors.builder();
        t.asMap().forEach((n, v) -> b.put(n, n.equals(name) ? new Tensor(shape, v.values()) : v));
        return b.build();
    }

    /** A safetensors file: the header's true length, the header, {@code data} zero bytes. */
    static byte[] st(String header, int data) {
        return st(header, data, false);
    }

    private static byte[] st(String header, int data, boolean latin1) {
        byte[] h = header.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        return concat(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array(),
                concat(h, new byte[data]));
    }

    private static byte[] withLength(long length, String header, int data) {
        byte[] b = st(header, data);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.write(dir.resolve(name), bytes);
    }

    /** IDX directories and CSV files, each broken in one way. */
    static final class Data {
        private Data() {
        }

        static byte[] images(int n, int rows, int cols) {
            ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols).putInt(0x803).putInt(n).putInt(rows).putInt(cols);
            return b.array();
        }

        static byte[] labels(int n) {
            return ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n).array();
        }

        static void write(Path dir) throws IOException {
            idx(dir, "idx_ok", images(3, 4, 4), labels(3));
            idx(dir, "idx_bad_magic", withInt(images(3, 4, 4), 0, 0x12345678), labels(3));
            idx(dir, "idx_images_rank2", withInt(images(3, 4, 4), 0, 0x802), labels(3));
            idx(dir, "idx_float_type", withInt(images(3, 4, 4), 0, 0x0D03), labels(3));
            idx(dir, "idx_truncated", Arrays.copyOf(images(3, 4, 4), 30), labels(3));
            idx(dir, "idx_header_short", Arrays.copyOf(images(3, 4, 4), 10), labels(3));
            idx(dir, "idx_count_mismatch", images(3, 4, 4), labels(5));
            idx(dir, "idx_absurd_count", withInt(images(3, 4, 4), 4, Integer.MAX_VALUE), labels(3));
            idx(dir, "idx_absurd_dims", withInt(withInt(images(3, 4, 4), 8, 0x7fffffff), 12, 0x7fffffff), labels(3));
            idx(dir, "idx_zero_rows", withInt(images(3, 4, 4), 8, 0), labels(3));
            idx(dir, "idx_trailing", concat(images(3, 4, 4), new byte[7]), labels(3));
            idx(dir, "idx_empty", new byte[0], labels(3));
            idx(dir, "idx_label_outside", images(3, 4, 4), labelValues(0, 7, 1));
            testIdx(dir, "idx_test_label_outside", images(3, 4, 4), labelValues(0, 1, 9));
            testIdx(dir, "idx_test_count_mismatch", images(3, 4, 4), labels(2));
            testIdx(dir, "idx_test_truncated", Arrays.copyOf(images(3, 4, 4), 40), labels(3));
            Files.createDirectories(dir.resolve("idx_missing"));
            BadFiles.write(dir, "idx_missing/train-images-idx3-ubyte", images(3, 4, 4));
            BadFiles.write(dir, "idx_bad_gzip/train-images-idx3-ubyte.gz", Arrays.copyOf(gzip(images(3, 4, 4)), 20));
            BadFiles.write(dir, "idx_bad_gzip/train-labels-idx1-ubyte", labels(3));
            BadFiles.write(dir, "idx_bad_gzip/t10k-images-idx3-ubyte", images(3, 4, 4));
            BadFiles.write(dir, "idx_bad_gzip/t10k-labels-idx1-ubyte", labels(3));
            csv(dir, "csv_ragged.csv", "0,1,2,3,4\n1,1,2,3\n");
            csv(dir, "csv_not_number.csv", "0,1,2,x,4\n");
            csv(dir, "csv_nan.csv", "0,1,2,NaN,4\n");
            csv(dir, "csv_negative_label.csv", "-1,1,2,3,4\n");
            csv(dir, "csv_empty.csv", "");
            csv(dir, "csv_label_outside.csv", "0,1,2,3,4\n9,1,2,3,4\n");
            csv(dir, "csv_ok.csv", "0,1,2,3,4\n1,5,6,7,8\n");
            BadFiles.write(dir, "csv_binary.csv", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        }

        /** Labels with the given values. */
        static byte[] labelValues(int... values) {
            ByteBuffer b = ByteBuffer.allocate(8 + values.length).putInt(0x801).putInt(values.length);
            for (int v : values) {
                b.put((byte) v);
            }
            return b.array();
        }

        /** A sound training split and the given test split. */
        private static void testIdx(Path dir, String name, byte[] images, byte[] labels) throws IOException {
            idx(dir, name, images(3, 4, 4), labels(3));
            BadFiles.write(dir, name + "/t10k-images-idx3-ubyte", images);
            BadFiles.write(dir, name + "/t10k-labels-idx1-ubyte", labels);
        }

        private static void idx(Path dir, String name, byte[] images, byte[] labels) throws IOException {
            BadFiles.write(dir, name + "/train-images-idx3-ubyte", images);
            BadFiles.write(dir, name + "/train-labels-idx1-ubyte", labels);
            BadFiles.write(dir, name + "/t10k-images-idx3-ubyte", images(3, 4, 4));
            BadFiles.write(dir, name + "/t10k-labels-idx1-ubyte", labels(3));
        }

        private static void csv(Path dir, String name, String text) throws IOException {
            BadFiles.write(dir, name, text.getBytes(StandardCharsets.UTF_8));
        }

        private static byte[] withInt(byte[] b, int at, int value) {
            byte[] c = b.clone();
            ByteBuffer.wrap(c).putInt(at, value);
            return c;
        }

        private static byte[] gzip(byte[] b) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(b);
            }
            return out.toByteArray();
        }
    }
}
