package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Position;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One entry of {@code blocks:} as written; its layers are read at each use, with the
 * use's parameter values.
 *
 * @param params parameter name to default value (empty: required), in file order
 */
record BlockDef(String name, Position at, Map<String, Optional<Val>> params, List<Node> layers) {
    BlockDef {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        layers = List.copyOf(layers);
    }
}
