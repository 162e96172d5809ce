package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Note;
import dev.cnnc.spec.diag.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A YAML node as seen where it is used: in a {@link Scope} of block parameters, and, when
 * it was substituted for a {@code $variable}, reported at the variable's position with
 * notes saying where the value came from.
 *
 * @param at    where problems with this value are reported; empty means the node's own position
 * @param notes where a substituted value came from, outermost substitution last
 */
record Val(Node node, Scope scope, Optional<Position> at, List<Note> notes) {
    Val {
        notes = List.copyOf(notes);
    }

    static Val of(Node node, Scope scope) {
        return new Val(node, scope, Optional.empty(), List.of());
    }

    /** A child node (list element, mapping value) in the same scope, reported like this value. */
    Val child(Node child) {
        return new Val(child, scope, at, notes);
    }

    /** This value reached through {@code $name}: reported at {@code where}, with one more note. */
    Val substitutedAt(Position where, Note note) {
        List<Note> more = new ArrayList<>(notes);
        more.add(note);
        return new Val(node, scope, Optional.of(where), more);
    }
}
