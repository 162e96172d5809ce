package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.SourceText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads the YAML text into SnakeYAML's node graph (never into Java objects) under limits
 * that make hostile files cheap to refuse: size, nesting depth, alias count, and the
 * number of nodes a walk through aliases visits (the "billion laughs").
 */
final class YamlLoader {
    /** Files above this size are refused before parsing. */
    static final int MAX_BYTES = 1 << 20;
    /** Textual nesting of collections (a spec needs about 6). */
    static final int MAX_DEPTH = 32;
    /** Aliases of collections (SnakeYAML's own counter). */
    static final int MAX_ALIASES = 50;
    /** Nodes visited through aliases when walking the graph with aliases expanded. */
    static final int MAX_NODES = 100_000;

    /** The single document's root and the nodes that carried an explicit tag. */
    record Loaded(Node root, Set<Node> tagged) {
    }

    private final Marks marks;
    private final Diagnostics out;

    YamlLoader(Marks marks, Diagnostics out) {
        this.marks = marks;
        this.out = out;
    }

    Optional<Loaded> load(SourceText source) {
        String text = source.text();
        if (text.length() > MAX_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            out.error(Code.FILE_TOO_LARGE, marks.start(), "the file has "
                    + text.getBytes(StandardCharsets.UTF_8).length + " bytes; specs are limited to " + MAX_BYTES
                    + " bytes (1 MiB)", "a spec describes layers, not data: keep weights and data in their own files");
            return Optional.empty();
        }
        TagSpy spy = new TagSpy(new ParserImpl(new StreamReader(text), options()));
        Composer composer = new Composer(spy, new Resolver(), options());
        try {
            if (!composer.checkNode()) {
                out.error(Code.MISSING_KEY, marks.start(), "the file is empty; a spec needs at least name, input and layers",
                        "start from: name: Net / input: [1, 28, 28] / layers: [flatten, {type: dense, units: 10}]");
                return Optional.empty();
            }
            Node root = composer.getNode();
            if (composer.checkNode()) {
                out.error(Code.YAML_MULTI_DOC, marks.at(spy.last()),
                        "a second YAML document starts here; a spec file holds exactly one",
                        "remove the '---' line, or put each model in its own file");
                return Optional.empty();
            }
            spy.report(out, marks);
            Set<Node> tagged = taggedNodes(root, spy.taggedIndexes());
            if (!new AliasWalk(marks, out).check(root)) {
                return Optional.empty();
            }
            return Optional.of(new Loaded(root, tagged));
        } catch (MarkedYAMLException e) {
            spy.report(out, marks);
            YamlErrors.syntax(e, marks, out);
        } catch (YAMLException e) {
            spy.report(out, marks);
            YamlErrors.limit(e, marks.at(spy.last()), out);
        }
        return Optional.empty();
    }

    private static LoaderOptions options() {
        LoaderOptions o = new LoaderOptions();
        o.setAllowDuplicateKeys(true);
        o.setMaxAliasesForCollections(MAX_ALIASES);
        o.setAllowRecursiveKeys(false);
        o.setNestingDepthLimit(MAX_DEPTH);
        o.setCodePointLimit(MAX_BYTES + 1);
        // Nothing is ever constructed from tags; TagSpy reports each one as an error, at its node.
        o.setTagInspector(tag -> true);
        return o;
    }

    /** The nodes whose start is a tagged event's start (composer nodes share the event's marks). */
    private static Set<Node> taggedNodes(Node root, Set<Integer> indexes) {
        Set<Node> found = Collections.newSetFromMap(new IdentityHashMap<>());
        if (indexes.isEmpty()) {
            return found;
        }
        List<Node> todo = new ArrayList<>(List.of(root));
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            if (!seen.add(n)) {
                continue;
            }
            if (indexes.contains(n.getStartMark().getIndex())) {
                found.add(n);
            }
            todo.addAll(AliasWalk.children(n));
        }
        return found;
    }

    /** The mark of an event, for limits SnakeYAML reports without one. */
    static Mark markOf(org.yaml.snakeyaml.events.Event e) {
        return e == null ? null : e.getStartMark();
    }
}
