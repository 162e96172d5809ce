package dev.cnnc.compiler.shape;

import dev.cnnc.spec.model.NetworkSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A shape-checked network: the spec plus one {@link TypedLayer} per layer, in spec order. */
public record TypedNetwork(NetworkSpec spec, Shape input, List<TypedLayer> layers) {
    public TypedNetwork {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(input, "input");
        layers = List.copyOf(layers);
        if (layers.size() != spec.layers().size()) {
            throw new IllegalArgumentException("one typed layer per spec layer");
        }
    }

    public Shape output() {
        return layers.get(layers.size() - 1).output();
    }

    public Optional<TypedLayer> layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /**
     * The layers in an order where every layer comes after the layers it reads (forward
     * references in the spec are allowed), ties in spec order. Equals {@link #layers()} for
     * specs whose inputs all name earlier layers.
     */
    public List<TypedLayer> executionOrder() {
        List<TypedLayer> order = new java.util.ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>();
        done.add(dev.cnnc.spec.model.LayerMeta.NETWORK_INPUT);
        while (order.size() < layers.size()) {
            TypedLayer next = layers.stream()
                    .filter(l -> !done.contains(l.name()) && done.containsAll(l.layer().meta().inputs()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("a typed network has no cycle"));
            order.add(next);
            done.add(next.name());
        }
        return List.copyOf(order);
    }

    public long totalParams() {
        return layers.stream().mapToLong(TypedLayer::params).sum();
    }

    public long totalMacs() {
        return layers.stream().mapToLong(TypedLayer::macs).sum();
    }
}
