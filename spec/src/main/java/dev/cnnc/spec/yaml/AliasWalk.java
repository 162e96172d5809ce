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
 * walk would visit more than {@link YamlLoader#MAX_NODES} nodes through aliases or go deeper than twice
 * {@link YamlLoader#MAX_DEPTH} (an alias of an enclosing node). SnakeYAML's alias counter
 * alone lets a few dozen aliases multiply into millions of visits.
 */
final class AliasWalk {
    private final Marks marks;
    private final Diagnostics out;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The outermost alias on the path where a limit was hit: the anchor to blame. */
    private Node blamed;
    private int visits;

    AliasWalk(Marks marks, Diagnostics out) {
        this.marks = marks;
        this.out = out;
    }

    /** True when the graph is within the limits; otherwise one YAML_ALIAS or YAML_DEPTH error. */
    boolean check(Node root) {
        int result = walk(root, 0, false);
        Node at = blamed == null ? root : blamed;
        String anchor = at.getAnchor() == null ? "aliases" : "aliases of &" + Texts.clip(at.getAnchor());
        if (result == 1) {
            out.error(Code.YAML_ALIAS, marks.at(at), anchor + " expand this document to more than "
                    + YamlLoader.MAX_NODES + " values (an alias bomb?)", "write the values out, or use blocks for repetition");
        } else if (result == 2) {
            out.error(Code.YAML_DEPTH, marks.at(at), anchor + " nest this document more than "
                    + 2 * YamlLoader.MAX_DEPTH + " levels deep (an alias inside its own anchor?)",
                    "a spec needs only a few levels: layers, a layer, a list of numbers");
        }
        return result == 0;
    }

    /**
     * 0 = fine, 1 = too many visits through aliases, 2 = too deep; on failure the outermost
     * alias on the path is blamed. Only visits below an alias count: without aliases the
     * file size bounds the graph.
     */
    private int walk(Node node, int depth, boolean belowAlias) {
        boolean alias = !seen.add(node);
        boolean counted = belowAlias || alias;
        int result = counted && ++visits > YamlLoader.MAX_NODES ? 1 : depth > 2 * YamlLoader.MAX_DEPTH ? 2 : 0;
        for (Node child : result == 0 ? children(node) : List.<Node>of()) {
            result = walk(child, depth + 1, counted);
            if (result != 0) {
                break;
            }
        }
        if (result != 0 && alias) {
            blamed = node;
        }
        return result;
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
