/**
 * The JSON Schema (draft 2020-12) of the spec format for editors ({@code cnnc schema}),
 * generated from {@link dev.cnnc.spec.def.LayerType} and {@link dev.cnnc.spec.def.SectionDefs}
 * with a tiny deterministic JSON writer (no JSON library).
 */
package dev.cnnc.spec.schema;
