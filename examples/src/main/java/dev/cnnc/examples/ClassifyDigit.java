package dev.cnnc.examples;

import dev.cnnc.examples.generated.LeNet5;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Classifies images of handwritten digits with LeNet-5, using nothing but the JDK and the
 * class {@code LeNet5} that {@code cnnc compile lenet5.yaml} generated.
 *
 * <pre>
 * java dev.cnnc.examples.ClassifyDigit lenet5.safetensors digit.png...
 * digit.png: seven 0.9812, one 0.0101, two 0.0040
 * </pre>
 */
public final class ClassifyDigit {
    /** How many classes each line shows. */
    static final int TOP = 3;

    private ClassifyDigit() {
    }

    /** Loads the weights, then prints the {@link #TOP} most probable digits of each image. */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ClassifyDigit WEIGHTS.safetensors IMAGE...");
            System.exit(2);
        }
        try {
            LeNet5 model = LeNet5.load(Path.of(args[0]));
            for (int i = 1; i < args.length; i++) {
                float[] logits = model.predict(pixels(Path.of(args[i])));
                System.out.println(args[i] + ": " + topClasses(logits, TOP));
            }
        } catch (NoSuchFileException e) {
            System.err.println("error: " + e.getFile() + ": no such file");
            System.exit(1);
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * The image as the model's input: 28x28 gray values in [0, 1], row by row. The model
     * applies the MNIST normalisation itself, so none is done here.
     */
    static float[] pixels(Path file) throws IOException {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            image = ImageIO.read(in);
        }
        if (image == null) {
            throw new IOException(file + ": not an image Java can read (PNG, JPEG, BMP, GIF)");
        }
        int height = LeNet5.INPUT_SHAPE.get(1);
        int width = LeNet5.INPUT_SHAPE.get(2);
        // Drawing into an RGB image scales any size to 28x28 and turns gray or indexed
        // pixels into plain 8-bit R, G, B (reading a gray image with getRGB would apply gamma).
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        float[] x = new float[LeNet5.INPUT_SIZE];
        for (int y = 0; y < height; y++) {
            for (int col = 0; col < width; col++) {
                int p = rgb.getRGB(col, y);
                int r = p >> 16 & 255;
                int gr = p >> 8 & 255;
                int b = p & 255;
                // luma of ITU-R BT.601 (as PIL's convert("L")), scaled from 0..255 to 0..1
                x[y * width + col] = (float) ((0.299 * r + 0.587 * gr + 0.114 * b) / 255);
            }
        }
        return x;
    }

    /**
     * The {@code k} most probable classes, as {@code "seven 0.9812, one 0.0101, ..."}.
     * LeNet-5 outputs logits, so the probabilities are their softmax:
     * p_i = exp(z_i - max z) / sum_j exp(z_j - max z).
     */
    static String topClasses(float[] logits, int k) {
        float max = Float.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < logits.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(p[b], p[a]));
        List<String> parts = new ArrayList<>();
        for (int i : order.subList(0, Math.min(k, order.size()))) {
            parts.add(String.format(Locale.ROOT, "%s %.4f", LeNet5.label(i), p[i] / sum));
        }
        return String.join(", ", parts);
    }
}
