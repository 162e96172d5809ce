package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Position;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Converts SnakeYAML's 0-based marks to the 1-based positions of diagnostics, in one place. */
final class Marks {
    private final String file;

    Marks(String file) {
        this.file = file;
    }

    Position at(Node node) {
        return at(node.getStartMark());
    }

    Position at(Mark mark) {
        return mark == null ? start() : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Line 1, column 1: for problems with the file as a whole that still deserve a quote. */
    Position start() {
        return new Position(file, 1, 1);
    }

    String file() {
        return file;
    }
}
