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

    public long totalParams() {
        return layers.stream().mapToLong(TypedLayer::params).sum();
    }

    public long totalMacs() {
        return layers.stream().mapToLong(TypedLayer::macs).sum();
    }
}
