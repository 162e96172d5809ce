/**
 * The spec reader: YAML text to {@link dev.cnnc.spec.model.NetworkSpec}, with every
 * problem reported as a positioned diagnostic.
 *
 * <p>{@link dev.cnnc.spec.yaml.SpecReader} is the entry point. The YAML is composed into
 * SnakeYAML's node graph only (no object construction), under size, depth, alias and
 * visit limits ({@code YamlLoader}). Scalars are typed by the YAML 1.2 core schema
 * ({@code Scalars}), so {@code yes} and {@code on} are strings. Layers are read by the
 * {@link dev.cnnc.spec.def.LayerType} table and sections by
 * {@link dev.cnnc.spec.def.SectionDefs}; blocks are expanded here, so later stages see a
 * flat list of layers with resolved input names. Graph and shape rules are left to the
 * shape checker.
 */
package dev.cnnc.spec.yaml;
