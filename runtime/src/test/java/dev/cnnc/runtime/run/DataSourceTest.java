package dev.cnnc.runtime.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.runtime.data.DataException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening data by what the path is, and checking it against the model. */
class DataSourceTest {
    static final Shape IMAGE = Shape.of(1, 2, 2);

    @TempDir
    Path tmp;

    @Test
    void aCsvFileIsATrainingSetWithoutTestSplit() throws Exception {
        Path csv = Files.writeString(tmp.resolve("d.csv"), "1,0,255,0,51\n0,255,255,255,255\n");
        TrainingData d = DataSource.load(csv, IMAGE, List.of());
        assertEquals(2, d.train().size());
        assertTrue(d.test().isEmpty());
        assertArrayEquals(new float[] {0, 1, 0, 0.2f}, d.train().image(0));
        assertEquals(d.train(), DataSource.evaluationSplit(d));
    }

    @Test
    void aFolderWithTrainAndTestCsvHasBothSplits() throws Exception {
        Files.writeString(tmp.resolve("train.csv"), "1,0,0,0,0\n");
        Files.writeString(tmp.resolve("test.csv"), "0,0,0,0,0\n2,0,0,0,0\n");
        TrainingData d = DataSource.load(tmp, IMAGE, List.of());
        assertEquals(1, d.train().size());
        assertEquals(2, d.test().orElseThrow().size());
        assertEquals(2, DataSource.evaluationSplit(d).size());
    }

    @Test
    void aOneDimensionalInputReadsCsvRowsOfCTimesL() throws Exception {
        Path csv = Files.writeString(tmp.resolve("d.csv"), "0,0,51,102,153,204,255\n");
        TrainingData d = DataSource.load(csv, Shape.of(2, 3), List.of());
        assertArrayEquals(new int[] {2, 1, 3}, d.train().imageShape());
        DataChecks.check(d, Shape.of(2, 3), 1);
    }

    @Test
    void anImageFolderTakesSortedSubfoldersAsClasses() throws Exception {
        png(tmp.resolve("imgs/dog/a.png"), 255);
        png(tmp.resolve("imgs/cat/b.png"), 0);
        png(tmp.resolve("imgs/cat/a.PNG"), 51);
        TrainingData d = DataSource.load(tmp.resolve("imgs"), IMAGE, List.of());
        assertEquals(3, d.train().size());
        assertArrayEquals(new int[] {0, 0, 1}, d.train().labels(), "cat = 0 (a.PNG, b.png), dog = 1");
        assertEquals(0.2f, d.train().image(0)[0], 1e-6);
        assertTrue(d.test().isEmpty());
    }

    @Test
    void anImageFolderUsesTheSpecsClassOrderWhenItNamesEveryFolder() throws Exception {
        png(tmp.resolve("imgs/dog/a.png"), 255);
        png(tmp.resolve("imgs/cat/b.png"), 0);
        TrainingData d = DataSource.load(tmp.resolve("imgs"), IMAGE, List.of("bird", "dog", "cat"));
        assertArrayEquals(new int[] {2, 1}, d.train().labels());
    }

    @Test
    void trainAndTestImageFoldersAreTwoSplits() throws Exception {
        png(tmp.resolve("train/a/1.png"), 1);
        png(tmp.resolve("train/b/1.png"), 2);
        png(tmp.resolve("test/b/1.png"), 3);
        TrainingData d = DataSource.load(tmp, IMAGE, List.of("a", "b"));
        assertEquals(2, d.train().size());
        assertArrayEquals(new int[] {1}, d.test().orElseThrow().labels());
    }

    @Test
    void anImageOfAnotherSizeNamesTheFile() throws Exception {
        png(tmp.resolve("imgs/a/ok.png"), 1);
        Path big = tmp.resolve("imgs/a/big.png");
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY), "png", big.toFile());
        DataException e = assertThrows(DataException.class, () -> DataSource.load(tmp.resolve("imgs"), IMAGE,
                List.of()));
        assertTrue(e.getMessage().startsWith(big + ": the image is 3×2"), e.getMessage());
    }

    @Test
    void aFolderOfSomethingElseSaysWhatDataLooksLike() throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "hi");
        DataException e = assertThrows(DataException.class, () -> DataSource.load(tmp, IMAGE, List.of()));
        assertTrue(e.getMessage().contains("not a data set: expected a folder with the MNIST IDX files"),
                e.getMessage());
    }

    @Test
    void checksListEveryProblemOfEverySplit() throws Exception {
        Files.writeString(tmp.resolve("train.csv"), "0,0,0,0,0\n7,0,0,0,0\n9,0,0,0,0\n");
        Files.writeString(tmp.resolve("test.csv"), "5,0,0,0,0\n");
        TrainingData d = DataSource.load(tmp, IMAGE, List.of());
        DataException e = assertThrows(DataException.class, () -> DataChecks.check(d, IMAGE, 3));
        assertEquals(List.of("2 training labels are outside the model's 3 classes [0, 2], the first is label 7"
                + " of sample 1; give the last layer as many units as the data has classes",
                "1 test labels are outside the model's 3 classes [0, 2], the first is label 5 of sample 0;"
                + " give the last layer as many units as the data has classes"), e.problems());
    }

    @Test
    void theBundledDataIsFoundFromTheClassesFolder() {
        Path data = CnncHome.bundledData().orElseThrow();
        assertTrue(Files.isRegularFile(data.resolve("train-images-idx3-ubyte.gz")), data.toString());
    }

    private static void png(Path file, int grey) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                img.getRaster().setSample(x, y, 0, grey);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
