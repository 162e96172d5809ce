package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Walks the composed graph as the reader will, aliases expanded, and refuses it when the
 * walk would visit more than {@link YamlLoader#MAX_NODES} nodes or go deeper than twice
 * {@link YamlLoader#MAX_DEPTH} (an alias of an enclosing node). SnakeYAML's alias counter
 * alone lets a few dozen aliases multiply into millions of visits.
 */
final class AliasWalk {
    private final Marks marks;
    private final Diagnostics out;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private int visits;
    private Node firstRevisit;

    AliasWalk(Marks marks, Diagnostics out) {
        this.marks = marks;
        this.out = out;
    }

    /** True when the graph is within the limits; otherwise one YAML_ALIAS or YAML_DEPTH error. */
    boolean check(Node root) {
        int result = walk(root, 0);
        if (result == 1) {
            Node at = firstRevisit == null ? root : firstRevisit;
            out.error(Code.YAML_ALIAS, marks.at(at), "aliases expand this document to more than "
                    + YamlLoader.MAX_NODES + " values (an alias bomb?)", "write the values out, or use blocks for repetition");
        } else if (result == 2) {
            Node at = firstRevisit == null ? root : firstRevisit;
            out.error(Code.YAML_DEPTH, marks.at(at), "aliases nest this document more than "
                    + 2 * YamlLoader.MAX_DEPTH + " levels deep (an alias inside its own anchor?)",
                    "a spec needs only a few levels: layers, a layer, a list of numbers");
        }
        return result == 0;
    }

    /** 0 = fine, 1 = too many visits, 2 = too deep. */
    private int walk(Node node, int depth) {
        if (++visits > YamlLoader.MAX_NODES) {
            return 1;
        }
        if (depth > 2 * YamlLoader.MAX_DEPTH) {
            return 2;
        }
        if (!seen.add(node) && firstRevisit == null && node.getAnchor() != null) {
            firstRevisit = node;
        }
        for (Node child : children(node)) {
            int r = walk(child, depth + 1);
            if (r != 0) {
                return r;
            }
        }
        return 0;
    }

    static List<Node> children(Node node) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        if (node instanceof MappingNode m) {
            List<Node> c = new ArrayList<>();
            for (NodeTuple t : m.getValue()) {
                c.add(t.getKeyNode());
                c.add(t.getValueNode());
            }
            return c;
        }
        return List.of();
    }
}
