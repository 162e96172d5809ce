/** The cnnc runtime: in-memory compilation, execution, training, data and weights files. */
package dev.cnnc.runtime;
