package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * A parser wrapper that notes explicit tags ({@code !!str}, {@code !foo},
 * {@code !!java.net.URL}) — the composed nodes no longer tell explicit from resolved
 * tags — and the position of the latest event, for limits SnakeYAML reports without one.
 */
final class TagSpy implements Parser {
    private final Parser delegate;
    private final List<Mark> tagMarks = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private Mark last;

    TagSpy(Parser delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        boolean result = delegate.checkEvent(choice);
        note(delegate.peekEvent());
        return result;
    }

    @Override
    public Event peekEvent() {
        return note(delegate.peekEvent());
    }

    @Override
    public Event getEvent() {
        Event e = note(delegate.getEvent());
        String tag = null;
        if (e instanceof ScalarEvent s) {
            tag = s.getTag();
        } else if (e instanceof CollectionStartEvent c) {
            tag = c.getTag();
        }
        if (tag != null && !tag.equals("!")) {
            tagMarks.add(e.getStartMark());
            tags.add(tag);
        }
        return e;
    }

    private Event note(Event e) {
        if (e != null && e.getStartMark() != null) {
            last = e.getStartMark();
        }
        return e;
    }

    /** The latest event's start, or null before the first. */
    Mark last() {
        return last;
    }

    /** Start indexes of the tagged events. */
    Set<Integer> taggedIndexes() {
        Set<Integer> s = new HashSet<>();
        tagMarks.forEach(m -> s.add(m.getIndex()));
        return s;
    }

    /** One YAML_TAG error per tagged node (reported once; the lists are cleared). */
    void report(Diagnostics out, Marks marks) {
        for (int i = 0; i < tags.size(); i++) {
            out.error(Code.YAML_TAG, marks.at(tagMarks.get(i)), "explicit YAML tag '" + shortTag(tags.get(i))
                            + "' is not allowed",
                    "remove the tag: a spec holds plain values (numbers, strings, lists, mappings), never typed objects");
        }
        tags.clear();
    }

    private static String shortTag(String tag) {
        String core = "tag:yaml.org,2002:";
        String t = tag.startsWith(core) ? "!!" + tag.substring(core.length()) : tag;
        return Texts.clip(t);
    }
}
