package dev.cnnc.compiler.shape;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.LayerMeta;
import dev.cnnc.spec.model.NetworkSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Infers every tensor's shape and checks every shape rule of the contract (§1.1), reporting
 * problems into {@code diagnostics}. Returns a typed network only when there are no errors.
 *
 * <p>The graph is checked first ({@link GraphChecker}); then layers are visited in a stable
 * topological order. A layer whose rule fails has no output shape, and every layer that
 * consumes it is skipped silently, so that one mistake yields one error.
 */
public final class ShapeChecker {
    public Optional<TypedNetwork> check(NetworkSpec spec, Diagnostics diagnostics) {
        long errorsBefore = diagnostics.errorCount();
        Reporter reporter = new Reporter(diagnostics);
        Optional<Shape> input = inputShape(spec, diagnostics);
        Graph graph = new GraphChecker(reporter).check(spec);
        Map<Layer, Inferred> inferred = new HashMap<>();
        Map<Layer, List<Flow>> flows = new HashMap<>();
        List<Integer> spatial = spec.input().shape().subList(1, spec.input().shape().size());
        KernelHints hints = new KernelHints(l -> Optional.ofNullable(flows.get(l)).map(f -> f.get(0).shape()));
        ShapeRules.Context ctx = new ShapeRules.Context(reporter, new WindowRules(reporter, hints),
                new SizeRules(reporter), spatial);
        for (Layer layer : graph.order()) {
            if (graph.broken().contains(layer.meta().index())) {
                continue;
            }
            Optional<List<Flow>> in = flowsInto(layer, graph, input, inferred, spec.input().spatialRank());
            if (in.isEmpty()) {
                continue;
            }
            flows.put(layer, in.get());
            layer.accept(new ShapeRules(in.get(), ctx)).ifPresent(r -> inferred.put(layer, r));
        }
        new NetworkRules(reporter).check(spec, inferred);
        if (diagnostics.errorCount() > errorsBefore || input.isEmpty()
                || !inferred.keySet().containsAll(spec.layers())) {
            return Optional.empty();
        }
        List<TypedLayer> typed = new ArrayList<>();
        for (Layer layer : spec.layers()) {
            Inferred r = inferred.get(layer);
            typed.add(new TypedLayer(layer, flows.get(layer).stream().map(Flow::shape).toList(), r.output(),
                    r.windows(), r.params(), r.macs(), r.field()));
        }
        return Optional.of(new TypedNetwork(spec, input.get(), typed));
    }

    /** The network input's shape, or empty after reporting that it is too large. */
    private static Optional<Shape> inputShape(NetworkSpec spec, Diagnostics diagnostics) {
        List<Integer> dims = spec.input().shape();
        long n = Limits.elements(dims);
        String what = "the input " + SizeRules.describe(dims.stream().map(Integer::longValue).toList()) + " has ";
        if (n < 0 || n > Limits.MAX_REPRESENTABLE) {
            diagnostics.error(Code.OVERFLOW, spec.positions().of("input"), what
                    + (n < 0 ? "more than 2^63" : String.format("%,d", n)) + " elements, more than a Java array can hold ("
                    + String.format("%,d", Limits.MAX_REPRESENTABLE) + ")", "use a smaller input; images are usually "
                    + "resized to at most a few hundred pixels per side");
            return Optional.empty();
        }
        if (n > Limits.MAX_TENSOR_ELEMENTS) {
            diagnostics.error(Code.TOO_LARGE, spec.positions().of("input"), what + String.format("%,d", n)
                    + " elements; one tensor may have at most " + Limits.describe(Limits.MAX_TENSOR_ELEMENTS),
                    "use a smaller input");
            return Optional.empty();
        }
        return Optional.of(new Shape(dims));
    }

    /** The tensors flowing into {@code layer}, or empty when one of them is unknown (silently). */
    private static Optional<List<Flow>> flowsInto(Layer layer, Graph graph, Optional<Shape> input,
                                                  Map<Layer, Inferred> inferred, int inputRank) {
        List<Flow> flows = new ArrayList<>();
        for (String name : layer.meta().inputs()) {
            if (graph.ambiguous().contains(name)) {
                return Optional.empty();
            }
            if (name.equals(LayerMeta.NETWORK_INPUT)) {
                if (input.isEmpty()) {
                    return Optional.empty();
                }
                flows.add(new Flow(Optional.empty(), input.get(), Costs.unit(inputRank), false));
                continue;
            }
            Optional<Layer> producer = graph.producer(name);
            Inferred r = producer.map(inferred::get).orElse(null);
            if (r == null) {
                return Optional.empty();
            }
            flows.add(new Flow(producer, r.output(), r.field(), r.wholeField()));
        }
        return Optional.of(flows);
    }
}
