package dev.cnnc.compiler.shape;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.DidYouMean;
import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.Note;
import dev.cnnc.spec.model.Layer;
import dev.cnnc.spec.model.LayerMeta;
import dev.cnnc.spec.model.NetworkSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Checks the layer graph before any shape is computed: duplicate names, inputs naming no
 * layer, cycles, and layers whose output never reaches the output layer. Forward
 * references are allowed as long as they make no cycle; layers are then visited in a
 * stable topological order (Kahn's algorithm, ties broken by position in the file).
 */
final class GraphChecker {
    private final Reporter reporter;

    GraphChecker(Reporter reporter) {
        this.reporter = reporter;
    }

    Graph check(NetworkSpec spec) {
        List<Layer> layers = spec.layers();
        Map<String, Layer> byName = new LinkedHashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (Layer layer : layers) {
            checkName(layer, byName, ambiguous);
        }
        Set<Integer> broken = new HashSet<>();
        for (Layer layer : layers) {
            checkInputs(layer, byName, broken);
        }
        List<Layer> order = topologicalOrder(layers, byName);
        reportCycles(layers, byName, order);
        Set<Layer> quiet = new HashSet<>(spec.layers());
        order.stream().filter(l -> !broken.contains(l.meta().index())).forEach(quiet::remove);
        if (broken.isEmpty() && ambiguous.isEmpty()) {
            // with a misspelt or ambiguous input, the layer meant to be read would be reported as unused
            reportUnused(spec, byName, quiet);
        }
        return new Graph(order, byName, ambiguous, broken);
    }

    private void checkName(Layer layer, Map<String, Layer> byName, Set<String> ambiguous) {
        String name = layer.name();
        if (name.equals(LayerMeta.NETWORK_INPUT)) {
            reporter.error(layer, "name", Code.DUPLICATE_NAME, layer.describe()
                    + ": the name 'input' is taken by the network input", "choose another name, e.g. 'input_layer'");
            ambiguous.add(name);
            return;
        }
        Layer first = byName.putIfAbsent(name, layer);
        if (first != null) {
            ambiguous.add(name);
            reporter.report(layer, Diagnostic.error(Code.DUPLICATE_NAME, layer.meta().positions().of("name"),
                    layer.describe() + ": the name '" + name + "' is already used by layer " + first.meta().index(),
                    "layer names must be unique; rename one of them, e.g. '" + name + "_" + layer.meta().index() + "'")
                    .withNote(new Note(first.meta().positions().of("name"), "'" + name + "' is first defined here")));
        }
    }

    private void checkInputs(Layer layer, Map<String, Layer> byName, Set<Integer> broken) {
        for (String in : layer.meta().inputs()) {
            if (in.equals(LayerMeta.NETWORK_INPUT) || byName.containsKey(in)) {
                continue;
            }
            broken.add(layer.meta().index());
            List<String> known = new ArrayList<>(byName.keySet());
            known.add(LayerMeta.NETWORK_INPUT);
            String hint = DidYouMean.closest(in, known).map(s -> "did you mean '" + s + "'?")
                    .orElse("inputs name a layer of this network or 'input' (the network input)");
            reporter.error(layer, "input", Code.UNDEFINED_INPUT,
                    layer.describe() + ": input '" + in + "' names no layer", hint);
        }
    }

    /** Kahn's algorithm over the producer edges; layers on or after a cycle are left out. */
    private static List<Layer> topologicalOrder(List<Layer> layers, Map<String, Layer> byName) {
        Map<Layer, Integer> pending = new HashMap<>();
        Map<Layer, List<Layer>> consumers = new HashMap<>();
        for (Layer layer : layers) {
            Set<Layer> producers = producers(layer, byName);
            pending.put(layer, producers.size());
            producers.forEach(p -> consumers.computeIfAbsent(p, k -> new ArrayList<>()).add(layer));
        }
        PriorityQueue<Layer> ready = new PriorityQueue<>((a, b) -> Integer.compare(a.meta().index(), b.meta().index()));
        layers.stream().filter(l -> pending.get(l) == 0).forEach(ready::add);
        List<Layer> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            Layer next = ready.poll();
            order.add(next);
            for (Layer c : consumers.getOrDefault(next, List.of())) {
                if (pending.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        return order;
    }

    /** The distinct layers feeding {@code layer} (the network input and unknown names excluded). */
    private static Set<Layer> producers(Layer layer, Map<String, Layer> byName) {
        Set<Layer> out = new java.util.LinkedHashSet<>();
        for (String in : layer.meta().inputs()) {
            Layer p = byName.get(in);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** Reports each cycle once, at the input of its first layer in the file, in data-flow order. */
    private void reportCycles(List<Layer> layers, Map<String, Layer> byName, List<Layer> order) {
        Set<Layer> left = new HashSet<>(layers);
        order.forEach(left::remove);
        Set<Layer> reported = new HashSet<>();
        for (Layer start : layers) {
            if (!left.contains(start) || reported.contains(start)) {
                continue;
            }
            List<Layer> cycle = cycleThrough(start, left, byName);
            if (!cycle.isEmpty() && Collections.disjoint(cycle, reported)) {
                reported.addAll(cycle);
                reportCycle(cycle);
            }
        }
    }

    /**
     * The shortest cycle from {@code start} back to itself along data flow (producer to
     * consumer), found by breadth-first search backwards over inputs; empty if none.
     * Returned in data-flow order starting at {@code start}.
     */
    private static List<Layer> cycleThrough(Layer start, Set<Layer> left, Map<String, Layer> byName) {
        Map<Layer, Layer> via = new HashMap<>();
        Deque<Layer> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            Layer cur = queue.poll();
            for (Layer p : producers(cur, byName)) {
                if (!left.contains(p)) {
                    continue;
                }
                if (p == start) {
                    List<Layer> path = new ArrayList<>();
                    for (Layer l = cur; l != null; l = via.get(l)) {
                        path.add(l);
                    }
                    // path is [cur, ..., start] following data flow; start closes the loop, so it moves to the front.
                    path.remove(path.size() - 1);
                    path.add(0, start);
                    return path;
                }
                if (!via.containsKey(p) && p != start) {
                    via.put(p, cur);
                    queue.add(p);
                }
            }
        }
        return List.of();
    }

    private void reportCycle(List<Layer> cycle) {
        StringBuilder chain = new StringBuilder();
        for (Layer l : cycle) {
            chain.append('\'').append(l.name()).append("' -> ");
        }
        chain.append('\'').append(cycle.get(0).name()).append('\'');
        Layer first = cycle.get(0);
        Diagnostic d = Diagnostic.error(Code.CYCLE, first.meta().positions().of("input"),
                first.describe() + ": the inputs form a cycle " + chain
                        + "; no layer in it can be computed first",
                "break the cycle: the input of one of these layers must come from before the cycle");
        for (Layer l : cycle.subList(1, cycle.size())) {
            d = d.withNote(new Note(l.meta().positions().of("input"), "'" + l.name() + "' takes its input here"));
        }
        reporter.report(first, d);
    }

    /** Warns about layers from which the output layer cannot be reached (except those already in error). */
    private void reportUnused(NetworkSpec spec, Map<String, Layer> byName, Set<Layer> quiet) {
        Set<Layer> used = new HashSet<>();
        Deque<Layer> todo = new ArrayDeque<>();
        todo.add(spec.output());
        while (!todo.isEmpty()) {
            Layer cur = todo.poll();
            if (used.add(cur)) {
                todo.addAll(producers(cur, byName));
            }
        }
        String output = spec.output().name();
        for (Layer layer : spec.layers()) {
            if (!used.contains(layer) && !quiet.contains(layer)) {
                reporter.warning(layer, "name", Code.UNUSED_LAYER, layer.describe()
                        + ": its output never reaches the output layer '" + output + "'",
                        "use it as the `input` of a later layer, or remove it");
            }
        }
    }
}
