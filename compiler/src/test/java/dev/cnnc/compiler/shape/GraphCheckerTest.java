package dev.cnnc.compiler.shape;

import static dev.cnnc.compiler.shape.Checked.mentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.Severity;
import org.junit.jupiter.api.Test;

/** Duplicate names, undefined inputs, cycles and unused layers. */
class GraphCheckerTest {
    @Test
    void duplicateNameIsReportedAtTheSecondWithANoteAtTheFirst() {
        Diagnostic d = Checked.run(NetBuilder.input(1, 8, 8).conv2d("c", 2, 3).relu("c").flatten("f"))
                .onlyError(Code.DUPLICATE_NAME);
        assertEquals(NetBuilder.at(2, "name"), d.position());
        assertEquals(NetBuilder.at(1, "name"), d.notes().get(0).position());
        mentions(d, "'c'", "layer 1");
    }

    @Test
    void undefinedInputSuggestsTheClosestName() {
        Diagnostic d = Checked.run(NetBuilder.input(1, 8, 8).conv2d("conv1", 2, 3).from("conv_1").flatten("f"))
                .onlyError(Code.UNDEFINED_INPUT);
        assertEquals(NetBuilder.at(2, "input"), d.position());
        mentions(d, "'conv_1'", "did you mean 'conv1'?");
    }

    @Test
    void undefinedInputCanSuggestTheNetworkInput() {
        Diagnostic d = Checked.run(NetBuilder.input(1, 8, 8).from("inptu").flatten("f"))
                .onlyError(Code.UNDEFINED_INPUT);
        mentions(d, "did you mean 'input'?");
    }

    @Test
    void cycleIsListedInDataFlowOrder() {
        Checked c = Checked.run(NetBuilder.input(1, 8, 8).from("b").relu("a").relu("b").from("a").flatten("f"));
        Diagnostic d = c.onlyError(Code.CYCLE);
        mentions(d, "'a' -> 'b' -> 'a'");
        assertEquals(NetBuilder.at(1, "input"), d.position());
        assertEquals(NetBuilder.at(2, "input"), d.notes().get(0).position());
    }

    @Test
    void selfLoopIsACycle() {
        Diagnostic d = Checked.run(NetBuilder.input(1, 8, 8).from("a").relu("a")).onlyError(Code.CYCLE);
        mentions(d, "'a' -> 'a'");
    }

    @Test
    void layersAfterACycleAreNotReportedAgain() {
        Checked c = Checked.run(NetBuilder.input(1, 8, 8).from("b").relu("a").relu("b").conv2d("c", 2, 9)
                .flatten("f"));
        c.onlyError(Code.CYCLE);
    }

    @Test
    void unusedLayerIsAWarning() {
        Checked c = Checked.run(NetBuilder.input(1, 8, 8).conv2d("side", 2, 3).from("input").flatten("f"));
        c.ok();
        assertEquals(1, c.warnings().size());
        Diagnostic w = c.warnings().get(0);
        assertEquals(Code.UNUSED_LAYER, w.code());
        assertEquals(Severity.WARNING, w.severity());
        mentions(w, "'side'", "'f'");
    }

    @Test
    void layerNamedInputIsRefused() {
        Checked c = Checked.run(NetBuilder.input(1, 8, 8).relu("input").flatten("f"));
        Diagnostic d = c.onlyError(Code.DUPLICATE_NAME);
        assertTrue(d.message().contains("network input"), d.message());
    }
}
