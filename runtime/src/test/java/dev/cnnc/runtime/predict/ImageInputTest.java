package dev.cnnc.runtime.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.runtime.InvalidFileException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInputTest {
    @TempDir
    Path dir;

    private Path gray(String name, int[][] pixels, String format) throws IOException {
        BufferedImage image = new BufferedImage(pixels[0].length, pixels.length, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < pixels.length; y++) {
            for (int x = 0; x < pixels[0].length; x++) {
                image.getRaster().setSample(x, y, 0, pixels[y][x]);
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(image, format, file.toFile());
        return file;
    }

    private Path rgb(String name, int w, int h, int rgb) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void grayPngSamplesAreScaledBy255WithoutGamma() throws Exception {
        Path file = gray("g.png", new int[][] {{0, 51, 128}, {255, 10, 200}}, "png");
        float[] x = ImageInput.read(file, Shape.of(1, 2, 3), false);
        assertArrayEquals(new float[] {0f, 51 / 255f, 128 / 255f, 1f, 10 / 255f, 200 / 255f}, x, 1e-7f);
    }

    @Test
    void grayBmpReadsTheSame() throws Exception {
        Path file = gray("g.bmp", new int[][] {{0, 64}, {255, 32}}, "bmp");
        assertArrayEquals(new float[] {0f, 64 / 255f, 1f, 32 / 255f},
                ImageInput.read(file, Shape.of(1, 2, 2), false), 1e-7f);
    }

    @Test
    void sixteenBitGrayIsScaledByItsOwnMaximum() throws Exception {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 65535);
        image.getRaster().setSample(1, 0, 0, 13107); // 65535 / 5
        Path file = dir.resolve("g16.png");
        ImageIO.write(image, "png", file.toFile());
        assertArrayEquals(new float[] {1f, 0.2f}, ImageInput.read(file, Shape.of(1, 1, 2), false), 1e-7f);
    }

    @Test
    void jpegIsReadWithinItsCompressionError() throws Exception {
        int[][] flat = new int[8][8];
        for (int[] row : flat) {
            java.util.Arrays.fill(row, 128);
        }
        Path file = gray("g.jpg", flat, "jpeg");
        for (float v : ImageInput.read(file, Shape.of(1, 8, 8), false)) {
            assertEquals(128 / 255f, v, 2 / 255f);
        }
    }

    @Test
    void colourToOneChannelUsesBt601Luma() throws Exception {
        Path file = rgb("c.png", 2, 1, 0xc86432); // R 200, G 100, B 50
        float[] x = ImageInput.read(file, Shape.of(1, 1, 2), false);
        float luma = (float) ((0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255);
        assertArrayEquals(new float[] {luma, luma}, x, 1e-6f);
    }

    @Test
    void colourToThreeChannelsIsPlanarRgb() throws Exception {
        Path file = rgb("c.png", 2, 1, 0xc86432);
        assertArrayEquals(new float[] {200 / 255f, 200 / 255f, 100 / 255f, 100 / 255f, 50 / 255f, 50 / 255f},
                ImageInput.read(file, Shape.of(3, 1, 2), false), 1e-7f);
    }

    @Test
    void grayToThreeChannelsRepeats() throws Exception {
        Path file = gray("g.png", new int[][] {{51}}, "png");
        assertArrayEquals(new float[] {0.2f, 0.2f, 0.2f}, ImageInput.read(file, Shape.of(3, 1, 1), false), 1e-7f);
    }

    @Test
    void sizeMismatchIsAnErrorWithBothSizes() throws Exception {
        Path file = gray("g.png", new int[][] {{0, 1, 2}}, "png");
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> ImageInput.read(file, Shape.of(1, 28, 28), false));
        assertTrue(e.getMessage().contains("3×1"), e.getMessage());
        assertTrue(e.getMessage().contains("28×28"), e.getMessage());
        assertTrue(e.getMessage().contains("--resize"), e.getMessage());
    }

    @Test
    void resizeIsBilinearWithHalfPixelCentres() throws Exception {
        // PyTorch's interpolate([0, 1], size=4, mode="linear", align_corners=False) is [0, .25, .75, 1];
        // bilinear is separable, so 2×2 [[0, 51], [102, 153]] / 255 becomes 0.2·(2·a[y] + a[x]).
        Path file = gray("g.png", new int[][] {{0, 51}, {102, 153}}, "png");
        float[] x = ImageInput.read(file, Shape.of(1, 4, 4), true);
        double[] a = {0, 0.25, 0.75, 1};
        for (int y = 0; y < 4; y++) {
            for (int xx = 0; xx < 4; xx++) {
                assertEquals(0.2 * (2 * a[y] + a[xx]), x[y * 4 + xx], 1e-6, "at " + y + "," + xx);
            }
        }
    }

    @Test
    void notAnImageMissingFileAndNonImageModels() throws Exception {
        Path text = dir.resolve("t.png");
        Files.writeString(text, "not an image");
        assertTrue(assertThrows(InvalidFileException.class, () -> ImageInput.read(text, Shape.of(1, 1, 1), false))
                .getMessage().contains("not an image"));
        assertTrue(assertThrows(InvalidFileException.class,
                () -> ImageInput.read(dir.resolve("nope.png"), Shape.of(1, 1, 1), false))
                .getMessage().endsWith("nope.png: cannot read: no such file"));
        Path file = gray("g.png", new int[][] {{0}}, "png");
        assertTrue(assertThrows(InvalidFileException.class, () -> ImageInput.read(file, Shape.of(1, 8), false))
                .getMessage().contains("--input"));
    }
}
