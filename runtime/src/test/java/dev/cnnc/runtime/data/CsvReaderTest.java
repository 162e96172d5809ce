package dev.cnnc.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws Exception {
        Path p = dir.resolve("data.csv");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsRowsWithAHeaderAndScalesPixels() throws Exception {
        Dataset d = CsvReader.read(csv("label,p0,p1,p2,p3\r\n3,0,255,51,102\r\n\n0, 1 ,2,3,4.5\n"), 1, 2, 2);
        assertEquals(2, d.size());
        assertArrayEquals(new int[] {3, 0}, d.labels());
        assertArrayEquals(new float[] {0f, 1f, 0.2f, 0.4f}, d.image(0), 1e-7f);
        assertEquals(4.5f / 255f, d.image(1)[3], 1e-7f);
    }

    @Test
    void readsWithoutAHeader() throws Exception {
        Dataset d = CsvReader.read(csv("1,0,0,0\n2,255,255,255"), 3, 1, 1);
        assertArrayEquals(new int[] {3, 1, 1}, d.imageShape());
        assertEquals(2, d.label(1));
    }

    @Test
    void reportsRaggedRowsAndNonNumbersWithLineNumbers() throws Exception {
        Path f = csv("label,a,b\n1,2,3\n1,2\n4,x,5\n-1,0,0\n2,300,0\n1,2,3,4\n");
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(f, 1, 1, 2));
        assertEquals(List.of(
                "line 3: 2 values, expected 3 (a label and 1×1×2 = 2 pixels)",
                "line 4, column 2: pixel 0 is \"x\"; pixels are numbers from 0 to 255 (cnnc divides them by 255)",
                "line 5, column 1: the label is \"-1\"; labels are integers 0, 1, 2, ...",
                "line 6, column 2: pixel 0 is \"300\"; pixels are numbers from 0 to 255 (cnnc divides them by 255)",
                "line 7: 4 values, expected 3 (a label and 1×1×2 = 2 pixels)"), e.problems());
        assertTrue(e.getMessage().startsWith(f + ": line 3: "), e.getMessage());
    }

    @Test
    void stopsAfterTenProblems() throws Exception {
        Path f = csv("1,2\n".repeat(50));
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(f, 1, 2, 2));
        assertEquals(11, e.problems().size());
        assertEquals("stopped after 10 problems", e.problems().get(10));
    }

    @Test
    void emptyFileHasNoRows() throws Exception {
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(csv("label,p0\n\n"), 1, 1, 1));
        assertTrue(e.getMessage().endsWith("no data rows; a CSV data file holds rows label,p0,p1,..."));
    }

    @Test
    void binaryFileIsNotText() throws Exception {
        Path f = dir.resolve("x.csv");
        Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        DataException e = assertThrows(DataException.class, () -> CsvReader.read(f, 1, 1, 1));
        assertTrue(e.getMessage().contains("not UTF-8 text"), e.getMessage());
    }
}
