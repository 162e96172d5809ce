package dev.cnnc.runtime.run;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Finds the cnnc installation (the repository root), where the bundled data set lives.
 *
 * <p>In order: the system property {@code cnnc.home} (the {@code ./cnnc} launcher sets it), the
 * environment variable {@code CNNC_HOME}, then the location of cnnc's own classes: the jar
 * {@code ROOT/runtime/target/cnnc.jar} or the folder {@code ROOT/runtime/target/classes}.
 */
public final class CnncHome {
    /** The bundled data set, relative to the installation. */
    public static final String BUNDLED_DATA = "data/mnist-10k";

    private CnncHome() {
    }

    /** Returns the bundled data folder, if the installation can be found and holds it. */
    public static Optional<Path> bundledData() {
        return home().map(h -> h.resolve(BUNDLED_DATA)).filter(Files::isDirectory);
    }

    /** Returns the installation folder, if it can be found. */
    public static Optional<Path> home() {
        String prop = System.getProperty("cnnc.home");
        if (prop != null && !prop.isBlank()) {
            return Optional.of(Path.of(prop));
        }
        String env = System.getenv("CNNC_HOME");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        return fromCodeLocation();
    }

    private static Optional<Path> fromCodeLocation() {
        CodeSource src = CnncHome.class.getProtectionDomain().getCodeSource();
        if (src == null) {
            return Optional.empty();
        }
        try {
            // .../ROOT/runtime/target/cnnc.jar or .../ROOT/runtime/target/classes
            Path p = Path.of(src.getLocation().toURI()).toAbsolutePath();
            for (int i = 0; i < 3 && p != null; i++) {
                p = p.getParent();
            }
            return Optional.ofNullable(p).filter(r -> Files.isDirectory(r.resolve(BUNDLED_DATA)));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
