package dev.cnnc.runtime.predict;

import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.runtime.InvalidFileException;
import dev.cnnc.runtime.IoErrors;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Decodes an image file (PNG, JPEG, BMP, GIF: whatever {@code javax.imageio} reads) into a
 * model input [C, H, W] with values in [0, 1] (sample / max sample value, 255 for 8-bit).
 *
 * <p>C = 1 takes grayscale: a gray image's own samples, or the luma of a colour image,
 * Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, as PIL's {@code convert("L")} and
 * torchvision's {@code Grayscale}). C = 3 takes R, G, B (a gray image repeated). Alpha is
 * dropped. Gray samples are read from the raster, not through {@code getRGB}, which would
 * apply a gamma conversion to them.
 */
public final class ImageInput {
    /** Luma weights of ITU-R BT.601. */
    private static final double LUMA_R = 0.299;
    private static final double LUMA_G = 0.587;
    private static final double LUMA_B = 0.114;

    private ImageInput() {
    }

    /**
     * The input tensor for {@code file}.
     *
     * @param resize scale an image of another size to the model's (bilinear); without it a
     *               size mismatch is an error
     * @throws InvalidFileException when the file cannot be read or decoded, or does not fit
     */
    public static float[] read(Path file, Shape input, boolean resize) throws InvalidFileException {
        String label = file.toString();
        requireImageInput(label, input);
        BufferedImage image = decode(file, label);
        int h = input.spatial(0);
        int w = input.spatial(1);
        float[] planes = planes(image, input.channels());
        if (image.getWidth() == w && image.getHeight() == h) {
            return planes;
        }
        if (!resize) {
            throw new InvalidFileException(label, String.format(Locale.ROOT,
                    "the image is %d×%d (width×height), the model expects %d×%d; pass --resize to scale it",
                    image.getWidth(), image.getHeight(), w, h));
        }
        return Resize.bilinear(planes, input.channels(), image.getHeight(), image.getWidth(), h, w);
    }

    /**
     * Images fit models whose input is [1, H, W] or [3, H, W].
     *
     * @param label the file to name in the message
     * @throws InvalidFileException for any other input shape
     */
    public static void requireImageInput(String label, Shape input) throws InvalidFileException {
        if (input.rank() != 3 || (input.channels() != 1 && input.channels() != 3)) {
            throw new InvalidFileException(label, "the model's input " + input.describe()
                    + " is not an image (images need [1, H, W] or [3, H, W]); pass the data as a tensor "
                    + "with --input X.safetensors --output Y.safetensors");
        }
    }

    private static BufferedImage decode(Path file, String label) throws InvalidFileException {
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidFileException(label, "cannot read: is a directory");
            }
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new InvalidFileException(label, "not an image in a format Java reads (PNG, JPEG, BMP, GIF)");
            }
            return image;
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new InvalidFileException(label, "cannot read: no such file");
            }
            throw new InvalidFileException(label, "cannot decode the image: " + IoErrors.describe(e));
        }
    }

    /** [C, H, W] in [0, 1]: samples from the raster for gray images, sRGB otherwise. */
    static float[] planes(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[] out = new float[channels * h * w];
        Raster raster = image.getRaster();
        boolean gray = image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && raster.getNumBands() <= 2;
        double max = (1L << image.getColorModel().getComponentSize(0)) - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (gray) {
                    float v = (float) (raster.getSample(x, y, 0) / max);
                    for (int c = 0; c < channels; c++) {
                        out[c * h * w + p] = v;
                    }
                } else {
                    int rgb = image.getRGB(x, y);
                    double r = (rgb >> 16 & 0xff) / 255.0;
                    double g = (rgb >> 8 & 0xff) / 255.0;
                    double b = (rgb & 0xff) / 255.0;
                    if (channels == 1) {
                        out[p] = (float) (LUMA_R * r + LUMA_G * g + LUMA_B * b);
                    } else {
                        out[p] = (float) r;
                        out[h * w + p] = (float) g;
                        out[2 * h * w + p] = (float) b;
                    }
                }
            }
        }
        return out;
    }
}
