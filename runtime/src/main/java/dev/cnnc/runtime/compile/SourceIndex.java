package dev.cnnc.runtime.compile;

import dev.cnnc.compiler.codegen.JavaGenerator;
import dev.cnnc.compiler.codegen.UnrollMode;
import dev.cnnc.runtime.AtomicFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Remembers which generated source (its {@link ModelCache} key and main class) a spec text
 * produced, so that a run whose classes are cached skips code generation too, which costs
 * more than a second in a fresh JVM.
 *
 * <p>Generation is a pure function of the spec text, the options and the generator's code, so
 * an entry is keyed by a SHA-256 of the spec text, the unrolling, the cnnc and Java versions
 * and the identity of the code: the cnnc jar's path, size and modification time. When cnnc
 * does not run from jars (a development build from class directories) there is no such
 * identity and the index stays off. Entries are small files next to the class cache, written
 * atomically; an unreadable or malformed one is ignored.
 */
public final class SourceIndex {
    /** Index entries kept (each under 200 bytes); the least recently used go first. */
    static final int ENTRIES = 1000;
    private static final String SUFFIX = ".source";
    private static final String HEADER = "cnnc-source-index/1";
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CLASS = Pattern.compile("[\\p{javaJavaIdentifierPart}.$]+");

    /** Where a spec's generated source is found. */
    public record Entry(String sourceKey, String mainClass) {
        public Entry {
            if (!KEY.matcher(sourceKey).matches() || !CLASS.matcher(mainClass).matches()) {
                throw new IllegalArgumentException("bad index entry " + sourceKey + " " + mainClass);
            }
        }
    }

    private final Optional<Path> directory;
    private final String identity;

    /**
     * @param directory where entries live; empty to turn the index off
     * @param identity  the code identity and versions entries depend on; empty to turn it off
     */
    public SourceIndex(Optional<Path> directory, Optional<String> identity) {
        this.directory = identity.isPresent() ? Objects.requireNonNull(directory, "directory") : Optional.empty();
        this.identity = identity.orElse("");
    }

    /** An index that remembers nothing. */
    public static SourceIndex off() {
        return new SourceIndex(Optional.empty(), Optional.empty());
    }

    /**
     * The identity of the running cnnc code: the jars holding the generator and this loader
     * (path, size, modification time; one jar in the cnnc distribution), the cnnc version and
     * the Java version; empty when either is not run from a jar.
     */
    public static Optional<String> codeIdentity(String toolVersion) {
        Optional<String> generator = jar(JavaGenerator.class);
        Optional<String> loader = jar(ModelLoader.class);
        if (generator.isEmpty() || loader.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("\n", generator.get(), loader.get(), toolVersion, Runtime.version().toString()));
    }

    private static Optional<String> jar(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI()).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            return Optional.of(jar + "\n" + Files.size(jar) + "\n" + Files.getLastModifiedTime(jar).toMillis());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public boolean enabled() {
        return directory.isPresent();
    }

    /** The entry for {@code specText} generated with {@code unroll} and {@code vectorApi}, when one was stored. */
    public Optional<Entry> find(String specText, UnrollMode unroll, boolean vectorApi) {
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        Path file = directory.get().resolve(key(specText, unroll, vectorApi) + SUFFIX);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() != 3 || !lines.get(0).equals(HEADER)) {
                return Optional.empty();
            }
            Entry entry = new Entry(lines.get(1), lines.get(2));
            CacheDirectory.touch(file);
            return Optional.of(entry);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Remembers {@code entry} for {@code specText}, {@code unroll} and {@code vectorApi}; best effort. */
    public void store(String specText, UnrollMode unroll, boolean vectorApi, Entry entry) {
        if (directory.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(directory.get());
            AtomicFiles.writeString(directory.get().resolve(key(specText, unroll, vectorApi) + SUFFIX),
                    HEADER + "\n" + entry.sourceKey() + "\n" + entry.mainClass() + "\n");
            CacheDirectory.prune(directory.get(), SUFFIX, ENTRIES);
        } catch (IOException | RuntimeException e) {
            // the next run generates the source again
        }
    }

    private String key(String specText, UnrollMode unroll, boolean vectorApi) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String variant = unroll.name() + (vectorApi ? "+vector" : "");
            for (String part : new String[] {HEADER, identity, variant, specText}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(java.nio.ByteBuffer.allocate(8).putLong(bytes.length).array());
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
