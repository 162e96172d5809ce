/** Test helpers shared across the runtime's test packages. */
package dev.cnnc.runtime.testing;
