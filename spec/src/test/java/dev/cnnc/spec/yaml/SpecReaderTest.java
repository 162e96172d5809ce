package dev.cnnc.spec.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.Position;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Add;
import dev.cnnc.spec.model.BatchNorm;
import dev.cnnc.spec.model.Concat;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.EarlyStopping;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.LrSchedule;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.OptimizerSpec;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.Pool;
import dev.cnnc.spec.model.PoolKind;
import dev.cnnc.spec.model.Reshape;
import dev.cnnc.spec.model.TrainSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Exact record values for valid specs, and the reader's rules that a corpus line cannot express. */
class SpecReaderTest {
    static NetworkSpec parse(String name, String text) {
        Diagnostics d = new Diagnostics();
        Optional<NetworkSpec> spec = new SpecReader().read(new SourceText(name, text), d);
        assertEquals(List.of(), d.all(), "no diagnostics expected");
        return spec.orElseThrow();
    }

    static NetworkSpec corpus(String file) throws IOException {
        try (InputStream in = SpecReaderTest.class.getResourceAsStream("/diagnostics/reader/" + file)) {
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Map<String, Layer> byName(NetworkSpec spec) {
        return spec.layers().stream().collect(Collectors.toMap(Layer::name, Function.identity()));
    }

    static List<Diagnostic> errors(String text) {
        Diagnostics d = new Diagnostics();
        assertTrue(new SpecReader().read(new SourceText("t.yaml", text), d).isEmpty());
        return d.all();
    }

    @Test
    void lenetDefaultsAndNames() throws IOException {
        NetworkSpec spec = corpus("valid_lenet.yaml");
        assertEquals("LeNet5", spec.name());
        assertEquals(List.of(1, 28, 28), spec.input().shape());
        assertEquals(10, spec.classes().size());
        assertEquals(List.of("c1", "maxpool2d_1", "conv2d_2", "maxpool2d_2", "flatten_1", "dense_1", "dense_2", "dense_3"),
                spec.layers().stream().map(Layer::name).toList());
        Conv c2 = (Conv) spec.layers().get(2);
        assertEquals(List.of("maxpool2d_1"), c2.meta().inputs());
        assertEquals(List.of(1, 1), c2.stride());
        assertEquals(List.of(1, 1), c2.dilation());
        assertEquals(Padding.VALID, c2.padding());
        assertEquals(PaddingMode.ZEROS, c2.paddingMode());
        assertEquals(1, c2.groups());
        assertTrue(c2.bias());
        assertEquals(Activation.Kind.RELU, c2.activation().kind());
        Pool p = (Pool) spec.layers().get(1);
        assertEquals(List.of(2, 2), p.stride(), "pool stride defaults to the size");
        assertEquals(Padding.Explicit.uniform(0, 2), p.padding());
        assertEquals(Activation.NONE, ((Dense) spec.output()).activation());
        assertEquals(TrainSpec.DEFAULTS, spec.train());
        assertEquals(new Position("valid_lenet.yaml", 7, 5), spec.layers().get(0).meta().positions().self());
        assertEquals(new Position("valid_lenet.yaml", 7, 50), spec.layers().get(0).meta().positions().of("kernel"));
        assertEquals(new Position("valid_lenet.yaml", 3, 7), spec.positions().of("name"));
    }

    @Test
    void everyPaddingForm() throws IOException {
        Map<String, Layer> l = byName(corpus("valid_padding_forms.yaml"));
        assertEquals(Padding.VALID, ((Conv) l.get("v")).padding());
        assertEquals(Padding.SAME, ((Conv) l.get("s")).padding());
        assertEquals(new Padding.Explicit(List.of(2, 2), List.of(2, 2)), ((Conv) l.get("i")).padding());
        assertEquals(new Padding.Explicit(List.of(1, 2), List.of(1, 2)), ((Conv) l.get("hw")).padding());
        // [top, bottom, left, right] -> before = [top, left], after = [bottom, right]
        assertEquals(new Padding.Explicit(List.of(1, 3), List.of(2, 4)), ((Conv) l.get("tblr")).padding());
        assertEquals(new Padding.Explicit(List.of(0), List.of(2)), ((Conv) l.get("one")).padding());
        assertEquals(new Padding.Explicit(List.of(1), List.of(1)), ((Conv) l.get("onei")).padding());
        assertEquals(List.of(3), ((Conv) l.get("onei")).kernel());
        assertEquals(List.of(2, 3), ((Pool) l.get("p")).size());
        assertEquals(List.of(2, 3), ((Pool) l.get("p")).stride());
        assertEquals(List.of(1, -1), ((Reshape) l.get("reshape_1")).shape());
    }

    @Test
    void bareStringsGetDefaults() throws IOException {
        Map<String, Layer> l = byName(corpus("valid_bare_strings.yaml"));
        assertEquals(0.01, ((dev.cnnc.spec.model.ActivationLayer) l.get("leaky_relu_1")).activation().slope());
        BatchNorm bn = (BatchNorm) l.get("batchnorm_1");
        assertEquals(0.1, bn.momentum());
        assertEquals(1e-5, bn.eps());
        assertEquals(PoolKind.MAX, ((dev.cnnc.spec.model.GlobalPool) l.get("global_maxpool_1")).kind());
        assertEquals(List.of("reshape_1"), l.get("flatten_1").meta().inputs());
    }

    @Test
    void oneDimensionalInputAndFullTrainSection() throws IOException {
        NetworkSpec spec = corpus("valid_conv1d_train.yaml");
        assertEquals("Signal net", spec.name());
        assertEquals(List.of(2, 100), spec.input().shape());
        assertEquals(List.of("noise", "0", "1"), spec.classes());
        Conv c = (Conv) spec.layers().get(0);
        assertEquals(1, c.rank());
        assertEquals(List.of(2), c.dilation());
        Pool avg = (Pool) spec.layers().get(1);
        assertTrue(avg.countIncludePad());
        assertEquals(new TrainSpec(TrainSpec.Loss.MSE,
                new OptimizerSpec(OptimizerSpec.Type.ADAM, 0.002, 0, 0.0001, false, 0.8, 0.99, 1e-7), 32, 3, 42,
                new LrSchedule(LrSchedule.Type.STEP, 2, 0.5, 0, 0), TrainSpec.Init.GLOROT,
                Optional.of(new EarlyStopping(2, EarlyStopping.Metric.VAL_ACCURACY)), 0.1), spec.train());
        Dense out = (Dense) spec.output();
        assertFalse(out.bias());
        assertEquals(Activation.Kind.SOFTMAX, out.activation().kind());
    }

    @Test
    void blocksExpandWithPyTorchNames() throws IOException {
        NetworkSpec spec = corpus("valid_blocks_resnet.yaml");
        assertEquals(List.of("conv2d_1",
                        "stage1.0.c1", "stage1.0.c2", "stage1.0.skip", "stage1.0.add_1",
                        "stage2.0.c1", "stage2.0.c2", "stage2.0.skip", "stage2.0.add_1",
                        "stage2.1.c1", "stage2.1.c2", "stage2.1.skip", "stage2.1.add_1",
                        "global_avgpool_1", "dense_1"),
                spec.layers().stream().map(Layer::name).toList());
        Map<String, Layer> l = byName(spec);
        assertEquals(List.of("conv2d_1"), l.get("stage1.0.c1").meta().inputs());
        assertEquals(List.of("conv2d_1"), l.get("stage1.0.skip").meta().inputs(), "'input' in a block is its input");
        assertEquals(List.of("stage1.0.add_1"), l.get("stage2.0.c1").meta().inputs());
        assertEquals(List.of("stage2.0.add_1"), l.get("stage2.1.skip").meta().inputs(), "repetition 1 is fed by 0");
        assertEquals(List.of("stage2.1.c2", "stage2.1.skip"), l.get("stage2.1.add_1").meta().inputs());
        assertEquals(List.of("stage2.1.add_1"), l.get("global_avgpool_1").meta().inputs(), "use name = its last layer");
        Conv c1 = (Conv) l.get("stage2.1.c1");
        assertEquals(32, c1.filters());
        assertEquals(List.of(2, 2), c1.stride());
        assertEquals(16, ((Conv) l.get("stage1.0.c2")).filters());
        assertEquals(List.of(1, 1), ((Conv) l.get("stage1.0.c1")).stride(), "default of the block parameter");
        // positions point into the block; origin at the use site
        assertEquals(8, c1.meta().positions().of("filters").line());
        assertEquals(1, c1.meta().origin().size());
        assertEquals(15, c1.meta().origin().get(0).position().line());
        assertEquals(List.of(), l.get("dense_1").meta().origin());
        assertEquals(List.of(0.5, 0.5, 0.5), spec.input().normalize().orElseThrow().mean());
        assertEquals(new Position("valid_blocks_resnet.yaml", 3, 47), spec.input().positions().of("mean"));
        assertEquals(new OptimizerSpec(OptimizerSpec.Type.SGD, 0.1, 0.9, 0, true, 0.9, 0.999, 1e-8),
                spec.train().optimizer());
        assertEquals(new LrSchedule(LrSchedule.Type.COSINE, 1, 1.0, 0, 0.0), spec.train().lrSchedule());
        assertEquals(Optional.of(new EarlyStopping(3, EarlyStopping.Metric.VAL_LOSS)), spec.train().earlyStopping());
    }

    @Test
    void nestedBlocks() throws IOException {
        Map<String, Layer> l = byName(corpus("valid_nested_blocks.yaml"));
        Conv c = (Conv) l.get("p.1.unit_2.0.c");
        assertEquals(8, c.filters());
        assertEquals(List.of(1, 1), c.kernel());
        assertEquals(List.of(3, 3), ((Conv) l.get("p.0.u.0.c")).kernel());
        assertEquals(4, ((Conv) l.get("pair_2.0.u.0.c")).filters(), "default width of pair");
        assertEquals(List.of("p.0.add_1"), l.get("p.1.u.0.c").meta().inputs());
        assertEquals(List.of("p.1.u.0.relu_1", "p.1.unit_2.0.relu_1"), ((Add) l.get("p.1.add_1")).meta().inputs());
        assertEquals(List.of("p.1.add_1", "pair_2.0.add_1", "input"), ((Concat) l.get("concat_1")).meta().inputs());
        assertEquals(2, c.meta().origin().size(), "innermost use first, then the outer use");
        assertEquals(14, c.meta().origin().get(0).position().line());
        assertEquals(17, c.meta().origin().get(1).position().line());
    }

    @Test
    void mergeKeysTakeTheAnchorsValuesUnlessWritten() throws IOException {
        Map<String, Layer> l = byName(corpus("valid_merge_keys.yaml"));
        Conv c2 = (Conv) l.get("c2");
        assertEquals(8, c2.filters());
        assertEquals(List.of(3, 3), c2.kernel());
        assertEquals(Padding.SAME, c2.padding());
        assertEquals(5, c2.meta().positions().of("kernel").line(), "merged values point at the anchor");
        assertEquals(4, ((Conv) l.get("c3")).filters());
        assertEquals(List.of("c2"), l.get("c3").meta().inputs());
    }

    @Test
    void blockErrorNamesBothPlacesOnce() {
        List<Diagnostic> d = errors("""
                name: Net
                input: [1, 28, 28]
                blocks:
                  b:
                    params: {f: 8}
                    layers:
                      - {type: dense, units: $f}
                layers:
                  - {use: b, repeat: 4, with: {f: -2}}
                """);
        assertEquals(1, d.size(), d.toString());
        Diagnostic e = d.get(0);
        assertEquals(Code.BAD_VALUE, e.code());
        assertEquals(new Position("t.yaml", 7, 30), e.position());
        assertEquals(2, e.notes().size());
        assertEquals(new Position("t.yaml", 9, 35), e.notes().get(0).position(), "where the value came from");
        assertEquals(new Position("t.yaml", 9, 5), e.notes().get(1).position(), "the use site");
    }

    @Test
    void nesterovNeedsMomentumAndSgdHasItsOwnLr() {
        List<Diagnostic> d = errors("name: n\ninput: [1, 4]\nlayers: [flatten]\ntrain: {optimizer: {type: sgd, nesterov: true}}\n");
        assertEquals(List.of(Code.BAD_VALUE), d.stream().map(Diagnostic::code).toList());
        NetworkSpec spec = parse("t.yaml", "name: n\ninput: [1, 4]\nlayers: [flatten]\ntrain: {optimizer: sgd}\n");
        assertEquals(OptimizerSpec.SGD_DEFAULTS, spec.train().optimizer());
    }

    @Test
    void hugeFileIsRefusedBeforeParsing() {
        String big = "name: n\ninput: [1, 4]\nlayers:\n" + "  - relu\n".repeat(200_000);
        List<Diagnostic> d = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> errors(big));
        assertEquals(List.of(Code.FILE_TOO_LARGE), d.stream().map(Diagnostic::code).toList());
    }

    @Test
    void tooManyExpandedLayers() {
        List<Diagnostic> d = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> errors("""
                name: Net
                input: [1, 28, 28]
                blocks:
                  a: {layers: [relu, relu, relu, relu, relu, relu, relu, relu, relu, relu]}
                  b: {layers: [{use: a, repeat: 1000}]}
                layers:
                  - {use: b, repeat: 1000}
                """));
        assertEquals(List.of(Code.TOO_LARGE), d.stream().map(Diagnostic::code).toList(), d.toString());
    }

    @Test
    void diagnosticsOfOtherFilesDoNotStopThisOne() {
        Diagnostics d = new Diagnostics();
        d.error(Code.IO, Position.NONE, "another file");
        Optional<NetworkSpec> spec = new SpecReader().read(
                new SourceText("ok.yaml", "name: n\ninput: [1, 4]\nlayers: [flatten]\n"), d);
        assertTrue(spec.isPresent());
    }
}
