package dev.cnnc.compiler.shape;

import dev.cnnc.spec.model.Layer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The layer graph after {@link GraphChecker}: the layers that can be shape-checked, in a
 * stable topological order, and what is wrong with the rest.
 *
 * @param order     every layer not on or after a cycle, producers before consumers, ties in
 *                  spec order
 * @param byName    each name to the first layer that has it
 * @param ambiguous names given to more than one layer (their consumers are not checked)
 * @param broken    indices of layers with an input naming no layer
 */
record Graph(List<Layer> order, Map<String, Layer> byName, Set<String> ambiguous, Set<Integer> broken) {
    Graph {
        order = List.copyOf(order);
        byName = Map.copyOf(byName);
        ambiguous = Set.copyOf(ambiguous);
        broken = Set.copyOf(broken);
    }

    /** The layer producing {@code name}, empty for the network input or an unknown name. */
    Optional<Layer> producer(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
