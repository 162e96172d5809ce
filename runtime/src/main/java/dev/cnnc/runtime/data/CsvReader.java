package dev.cnnc.runtime.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a data set from CSV rows {@code label,p0,p1,...} (contract §3), as the Kaggle MNIST
 * files are laid out.
 *
 * <p>Each row holds an integer label ≥ 0 and C·H·W pixel values in 0..255 (C, H, W order),
 * which are scaled to [0, 1] by dividing by 255. A first row whose label field is not a number
 * is a header and is skipped; blank lines are ignored. Problems are reported with their line
 * (and column) numbers, up to {@value #MAX_PROBLEMS} of them.
 */
public final class CsvReader {
    private static final int MAX_PROBLEMS = 10;

    private final String label;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> problems = new ArrayList<>();
    private float[] pixels = new float[1024];
    private int[] labels = new int[16];
    private int rows;

    private CsvReader(String label, int channels, int height, int width) {
        this.label = label;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /**
     * Reads {@code file} as images of shape {@code [channels, height, width]}.
     *
     * @throws DataException listing malformed rows by line number
     * @throws IOException when the file cannot be read
     */
    public static Dataset read(Path file, int channels, int height, int width) throws DataException, IOException {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive");
        }
        CsvReader r = new CsvReader(file.toString(), channels, height, width);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            r.readAll(in);
        } catch (CharacterCodingException e) {
            throw new DataException(file.toString(), "not UTF-8 text; a CSV data file holds rows label,p0,p1,...");
        }
        return r.finish();
    }

    private void readAll(BufferedReader in) throws IOException {
        int perImage = channels * height * width;
        String line;
        int lineNo = 0;
        boolean first = true;
        while ((line = in.readLine()) != null && problems.size() < MAX_PROBLEMS) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (first && !looksNumeric(fields[0])) {
                first = false;
                continue; // a header row such as "label,pixel0,pixel1,..."
            }
            first = false;
            if (fields.length != perImage + 1) {
                problems.add("line " + lineNo + ": " + fields.length + " values, expected " + (perImage + 1)
                        + " (a label and " + channels + "×" + height + "×" + width + " = " + perImage + " pixels)");
                continue;
            }
            row(lineNo, fields, perImage);
        }
    }

    private void row(int lineNo, String[] fields, int perImage) {
        int labelValue = parseLabel(lineNo, fields[0].trim());
        ensureCapacity(perImage);
        int base = rows * perImage;
        for (int i = 0; i < perImage; i++) {
            String f = fields[i + 1].trim();
            double v;
            try {
                v = Double.parseDouble(f);
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
            if (!(v >= 0 && v <= 255)) {
                problems.add("line " + lineNo + ", column " + (i + 2) + ": pixel " + i + " is \"" + f + "\"; pixels"
                        + " are numbers from 0 to 255 (cnnc divides them by 255)");
                return;
            }
            pixels[base + i] = (float) (v / 255.0);
        }
        if (labelValue >= 0) {
            labels[rows++] = labelValue;
        }
    }

    private int parseLabel(int lineNo, String f) {
        try {
            int v = Integer.parseInt(f);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("line " + lineNo + ", column 1: the label is \"" + f + "\"; labels are integers 0, 1, 2, ...");
        return -1;
    }

    private void ensureCapacity(int perImage) {
        if (rows == labels.length) {
            labels = Arrays.copyOf(labels, rows * 2);
        }
        long need = (long) (rows + 1) * perImage;
        if (need > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more pixels than a Java array holds");
        }
        if (need > pixels.length) {
            pixels = Arrays.copyOf(pixels, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * pixels.length)));
        }
    }

    private Dataset finish() throws DataException {
        if (problems.size() >= MAX_PROBLEMS) {
            problems.add("stopped after " + MAX_PROBLEMS + " problems");
        }
        if (!problems.isEmpty()) {
            throw new DataException(label, problems);
        }
        if (rows == 0) {
            throw new DataException(label, "no data rows; a CSV data file holds rows label,p0,p1,...");
        }
        int perImage = channels * height * width;
        return new Dataset(channels, height, width, Arrays.copyOf(pixels, rows * perImage),
                Arrays.copyOf(labels, rows));
    }

    private static boolean looksNumeric(String field) {
        try {
            Double.parseDouble(field.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
