package dev.cnnc.compiler.codegen;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link JavaGenerator} writes a model.
 *
 * @param packageName    the Java package, or empty for the default package
 * @param className      overrides the class name derived from the spec's name
 * @param unroll         window unrolling ({@link UnrollMode#KERNEL} by default)
 * @param embeddedWeights parameters (state_dict order, {@code PARAM_COUNT} floats) to embed as
 *                       Base64 chunks, making the source a stand-alone model; empty to load them
 *                       from safetensors at run time only
 * @param cnncVersion    written into the header comment
 * @param specFile       the spec's file name as the user gave it (sanitised before use), for the
 *                       header's "regenerate with" line
 * @param specSha256     hex SHA-256 of the spec file's bytes, for the header
 * @param vectorApi      whether stride-1 convolutions may use {@code jdk.incubator.vector} ({@link
 *                       VectorProducts}); such source needs {@code --add-modules jdk.incubator.vector}
 *                       to compile and run, so it is off by default
 */
public record GeneratorOptions(Optional<String> packageName, Optional<String> className, UnrollMode unroll,
                               Optional<float[]> embeddedWeights, String cnncVersion, String specFile,
                               String specSha256, boolean vectorApi) {
    public GeneratorOptions {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(unroll, "unroll");
        Objects.requireNonNull(embeddedWeights, "embeddedWeights");
        Objects.requireNonNull(cnncVersion, "cnncVersion");
        Objects.requireNonNull(specFile, "specFile");
        Objects.requireNonNull(specSha256, "specSha256");
        packageName.ifPresent(p -> {
            for (String part : p.split("\\.", -1)) {
                if (!Names.isIdentifier(part)) {
                    throw new IllegalArgumentException("'" + p + "' is not a Java package name");
                }
            }
        });
        className.ifPresent(c -> {
            if (!Names.isIdentifier(c)) {
                throw new IllegalArgumentException("'" + c + "' is not a Java class name (letters, digits, _; "
                        + "not starting with a digit; not a keyword)");
            }
        });
    }

    /** Default package, derived class name, kernel unrolling, no embedded weights, plain Java (no vector API). */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(Optional.empty(), Optional.empty(), UnrollMode.KERNEL, Optional.empty(), "dev",
                "model.yaml", "", false);
    }

    public GeneratorOptions withPackage(String name) {
        return new GeneratorOptions(Optional.of(name), className, unroll, embeddedWeights, cnncVersion, specFile,
                specSha256, vectorApi);
    }

    public GeneratorOptions withClassName(String name) {
        return new GeneratorOptions(packageName, Optional.of(name), unroll, embeddedWeights, cnncVersion, specFile,
                specSha256, vectorApi);
    }

    public GeneratorOptions withUnroll(UnrollMode mode) {
        return new GeneratorOptions(packageName, className, mode, embeddedWeights, cnncVersion, specFile, specSha256,
                vectorApi);
    }

    public GeneratorOptions withEmbeddedWeights(float[] params) {
        return new GeneratorOptions(packageName, className, unroll, Optional.of(params.clone()), cnncVersion, specFile,
                specSha256, vectorApi);
    }

    /** With or without the {@code jdk.incubator.vector} kernels (see {@link #vectorApi()}). */
    public GeneratorOptions withVectorApi(boolean on) {
        return new GeneratorOptions(packageName, className, unroll, embeddedWeights, cnncVersion, specFile,
                specSha256, on);
    }

    /** The header's provenance from the spec file's name and text (its UTF-8 bytes are hashed with SHA-256). */
    public GeneratorOptions withSpec(String file, String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return withProvenance(cnncVersion, file, java.util.HexFormat.of().formatHex(digest));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public GeneratorOptions withVersion(String version) {
        return withProvenance(version, specFile, specSha256);
    }

    /** The header's provenance: cnnc version, spec file name and the spec's SHA-256. */
    public GeneratorOptions withProvenance(String version, String file, String sha256) {
        return new GeneratorOptions(packageName, className, unroll, embeddedWeights, version, file, sha256, vectorApi);
    }
}
