/**
 * The one table of what the YAML format allows: layer types, their parameters, types and
 * defaults. The reader parses with it and the JSON Schema is generated from it, so the two
 * cannot drift apart.
 */
package dev.cnnc.spec.def;
