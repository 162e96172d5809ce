package dev.cnnc.spec.def;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys of one YAML mapping outside the layer list (the top level, {@code input},
 * {@code train}, {@code optimizer}, ...): each key a {@link ParamDef}, nested mappings
 * ({@link ParamType#SECTION}) described by a child section of the same key.
 *
 * @param key       the YAML key this section is the value of ({@code ""} for the top level)
 * @param doc       one sentence for docs and the JSON Schema
 * @param params    the allowed keys, in documentation order
 * @param sections  the definitions of the {@link ParamType#SECTION} keys
 * @param shorthand the key a bare string stands for ({@code optimizer: adam} means
 *                  {@code {type: adam}}), empty when the section must be a mapping
 */
public record SectionDef(String key, String doc, List<ParamDef> params, List<SectionDef> sections,
                         Optional<String> shorthand) {
    public SectionDef {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(doc, "doc");
        params = List.copyOf(params);
        sections = List.copyOf(sections);
        Objects.requireNonNull(shorthand, "shorthand");
        for (ParamDef p : params) {
            boolean hasSection = sections.stream().anyMatch(s -> s.key().equals(p.key()));
            if ((p.type() == ParamType.SECTION) != hasSection) {
                throw new IllegalArgumentException(key + "." + p.key() + ": SECTION keys need a child section");
            }
        }
    }

    public Optional<ParamDef> param(String name) {
        return params.stream().filter(p -> p.key().equals(name)).findFirst();
    }

    /** The child section of a {@link ParamType#SECTION} key. */
    public SectionDef section(String name) {
        return sections.stream().filter(s -> s.key().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section " + name + " in " + key));
    }

    /** The allowed keys, in documentation order (for "valid keys" hints). */
    public List<String> keys() {
        return params.stream().map(ParamDef::key).toList();
    }
}
