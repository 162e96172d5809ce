package dev.cnnc.spec.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    @Test
    void distanceCountsInsertDeleteSubstituteAndSwap() {
        assertEquals(0, DidYouMean.distance("input", "input"));
        assertEquals(1, DidYouMean.distance("inptu", "input"), "swap of neighbours");
        assertEquals(1, DidYouMean.distance("conv_1", "conv1"), "delete");
        assertEquals(1, DidYouMean.distance("filter", "filters"), "insert");
        assertEquals(1, DidYouMean.distance("kernal", "kernel"), "substitute");
        assertEquals(3, DidYouMean.distance("", "abc"));
    }

    @Test
    void suggestsTyposOnly() {
        assertEquals(Optional.of("filters"), DidYouMean.closest("filtres", List.of("kernel", "filters", "stride")));
        assertEquals(Optional.of("input"), DidYouMean.closest("INPTU", List.of("a", "input")), "case ignored");
        assertEquals(Optional.empty(), DidYouMean.closest("banana", List.of("kernel", "filters")));
        assertEquals(Optional.empty(), DidYouMean.closest("x", List.of()));
    }

    @Test
    void aWordInsideExactlyOneChoice() {
        assertEquals(Optional.of("val_accuracy"), DidYouMean.closest("accuracy", List.of("val_accuracy", "val_loss")));
        assertEquals(Optional.empty(), DidYouMean.closest("layer", List.of("mylayer_1", "mylayer_2")));
    }

    @Test
    void longWordsGetNoSuggestionAndCostNothing() {
        String huge = "x".repeat(10_000);
        assertEquals(Optional.empty(), DidYouMean.closest(huge, List.of(huge + "y")));
        assertEquals("", DidYouMean.suffix(huge, List.of("x")));
        assertEquals("; did you mean 'stride'?", DidYouMean.suffix("strid", List.of("stride")));
    }
}
