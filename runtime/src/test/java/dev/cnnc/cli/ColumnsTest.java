package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cnnc.compiler.shape.ReceptiveField;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsTest {
    @Test
    void alignsTextLeftAndNumbersRight() {
        String table = new Columns(List.of("#", "name", "params"), "rlr",
                List.of(List.of("1", "conv", "156"), List.of("10", "d", "61,706"))).render();
        assertEquals("""
                 #  name  params
                --  ----  ------
                 1  conv     156
                10  d     61,706
                """, table);
    }

    @Test
    void numbersIgnoreTheLocale() {
        assertEquals("1,234,567", Numbers.grouped(1_234_567));
        assertEquals("1 parameter", Numbers.count(1, "parameter"));
        assertEquals("0 warnings", Numbers.count(0, "warning"));
        assertEquals("1023 B", Numbers.bytes(1023));
        assertEquals("1.5 MiB", Numbers.bytes(3 << 19));
        assertEquals("23,671x", SummaryTable.ratio(3_692_640.0 / 156));
        assertEquals("9.0x", SummaryTable.ratio(9));
    }

    @Test
    void receptiveFieldsPerAxis() {
        assertEquals("7 /1", SummaryTable.receptiveField(new ReceptiveField(List.of(7L), List.of(1L))));
        assertEquals("14x16 /2x4", SummaryTable.receptiveField(new ReceptiveField(List.of(14L, 16L), List.of(2L, 4L))));
    }
}
