/**
 * Turns generated Java source into running code inside the process: {@link
 * dev.cnnc.runtime.compile.InMemoryCompiler} (javax.tools, class bytes kept in memory),
 * {@link dev.cnnc.runtime.compile.ModelCache} (compiled classes cached in memory and on disk,
 * keyed by a hash of the sources, the cnnc version and the Java version), and {@link
 * dev.cnnc.runtime.compile.CompiledModel} (the runtime's view of a generated model class,
 * bound through method handles because the generated class does not depend on cnnc).
 */
package dev.cnnc.runtime.compile;
