package dev.cnnc.runtime.data;

import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.runtime.InvalidFileException;
import dev.cnnc.runtime.predict.ImageInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads an image folder (contract §3): one sub-folder of PNG or JPEG files per class.
 *
 * <p>As in Keras' {@code image_dataset_from_directory}, the classes are the sub-folder names in
 * sorted order (label 0 is the first). When the spec names its {@code classes} and every folder
 * is one of them, a folder's label is instead the position of its name in the spec's list, so a
 * folder {@code three} holds label 3 whatever other folders exist. Files are read in sorted
 * order, as grayscale for a 1-channel input and RGB for 3 channels, scaled to [0, 1]; every image
 * must have the input's height and width.
 */
public final class ImageFolder {
    private ImageFolder() {
    }

    /** Returns true when {@code dir} has at least one sub-folder holding a PNG or JPEG file. */
    public static boolean looksLikeImageFolder(Path dir) throws IOException {
        for (Path sub : subfolders(dir)) {
            if (!images(sub).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads every image under {@code dir}.
     *
     * @param input the model's input shape, [1, H, W] or [3, H, W]
     * @param specClasses the spec's class names, possibly empty
     * @throws DataException when the folder has no images, or an image cannot be decoded or has the
     *     wrong size
     */
    public static Dataset read(Path dir, Shape input, List<String> specClasses) throws DataException, IOException {
        String label = dir.toString();
        try {
            ImageInput.requireImageInput(label, input);
        } catch (InvalidFileException e) {
            throw new DataException(label, e.problems());
        }
        List<Path> classes = subfolders(dir);
        boolean byName = !specClasses.isEmpty()
                && classes.stream().allMatch(c -> specClasses.contains(c.getFileName().toString()));
        int per = (int) input.size();
        List<float[]> pixels = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path sub = classes.get(c);
            int index = byName ? specClasses.indexOf(sub.getFileName().toString()) : c;
            for (Path image : images(sub)) {
                try {
                    pixels.add(ImageInput.read(image, input, false));
                } catch (InvalidFileException e) {
                    throw new DataException(e.file(), e.problems());
                }
                labels.add(index);
            }
        }
        if (labels.isEmpty()) {
            throw new DataException(label, "no images: an image folder holds one sub-folder of PNG or JPEG files"
                    + " per class");
        }
        float[] all = new float[labels.size() * per];
        int[] y = new int[labels.size()];
        for (int i = 0; i < y.length; i++) {
            System.arraycopy(pixels.get(i), 0, all, i * per, per);
            y[i] = labels.get(i);
        }
        return new Dataset(input.channels(), input.spatial(0), input.spatial(1), all, y);
    }

    /** Returns the class names a folder defines (sorted sub-folder names). */
    public static List<String> classNames(Path dir) throws IOException {
        return subfolders(dir).stream().map(p -> p.getFileName().toString()).toList();
    }

    private static List<Path> subfolders(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    private static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted().toList();
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }
}
