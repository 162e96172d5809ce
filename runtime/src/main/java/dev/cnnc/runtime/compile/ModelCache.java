package dev.cnnc.runtime.compile;

import dev.cnnc.runtime.AtomicFiles;
import dev.cnnc.runtime.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiled model classes, cached so that running the same spec again does not run javac
 * again. The key is a SHA-256 of the generated sources, the cnnc version and the Java
 * version; entries live in memory (a small LRU map) and, when a directory is configured, on
 * disk as one file per key, written atomically (temporary file, then an atomic rename).
 *
 * <p>The directory keeps the {@link #DISK_ENTRIES} most recently used entries (a read marks an
 * entry used by its modification time); older ones are deleted after each write.
 *
 * <p>The disk cache is an optimisation only: an entry that cannot be read or fails its
 * checksum is ignored and recompiled (and overwritten), and a directory that cannot be
 * written only costs the next run a compilation. Neither is ever an error for the user;
 * both are reported to the {@link Listener}.
 */
public final class ModelCache {
    /** Environment variable naming the cache directory. */
    public static final String ENV = "CNNC_CACHE";
    /** Entries kept in memory (a generated model's classes are tens of kilobytes). */
    private static final int MEMORY_ENTRIES = 32;
    /** Entries kept on disk; beyond, the least recently used are deleted (each is tens of KiB to a few MiB). */
    public static final int DISK_ENTRIES = 200;
    /** A cache file larger than this (256 MiB) is not read. */
    private static final long MAX_FILE_BYTES = 256L << 20;
    private static final String SUFFIX = ".classes";

    /** What the cache did; every method has an empty default. */
    public interface Listener {
        default void memoryHit(String key) {
        }

        default void diskHit(String key, Path file) {
        }

        default void compiled(String key) {
        }

        /** A disk entry was present but unusable; it will be recompiled and replaced. */
        default void entryIgnored(Path file, String reason) {
        }

        /** A compiled entry could not be written to disk; the next run compiles again. */
        default void storeFailed(Path file, String reason) {
        }
    }

    /** Counters since this cache was created. */
    public record Stats(long memoryHits, long diskHits, long compilations, long ignoredEntries) {
    }

    private final InMemoryCompiler compiler;
    private final Optional<Path> directory;
    private final String toolVersion;
    private final Listener listener;
    private final int diskEntries;
    private final Map<String, CompiledClasses> memory = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledClasses> eldest) {
            return size() > MEMORY_ENTRIES;
        }
    };
    private final AtomicLong memoryHits = new AtomicLong();
    private final AtomicLong diskHits = new AtomicLong();
    private final AtomicLong compilations = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    /**
     * @param directory   where entries are stored on disk; empty for memory only
     * @param toolVersion the cnnc version, part of the key
     */
    public ModelCache(InMemoryCompiler compiler, Optional<Path> directory, String toolVersion, Listener listener) {
        this(compiler, directory, toolVersion, listener, DISK_ENTRIES);
    }

    /** @param diskEntries how many entries the directory keeps (least recently used go first) */
    public ModelCache(InMemoryCompiler compiler, Optional<Path> directory, String toolVersion, Listener listener,
                      int diskEntries) {
        if (diskEntries < 1) {
            throw new IllegalArgumentException("diskEntries must be positive, got " + diskEntries);
        }
        this.diskEntries = diskEntries;
        this.compiler = Objects.requireNonNull(compiler, "compiler");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Starts the compiler in the background ({@link InMemoryCompiler#warmUp()}) ahead of a likely compilation. */
    public void warmUpCompiler() {
        compiler.warmUp();
    }

    /**
     * The default directory: {@code $CNNC_CACHE} when set and not blank, else
     * {@code ~/.cache/cnnc}; empty when neither can be determined.
     */
    public static Optional<Path> defaultDirectory(Map<String, String> env, String userHome) {
        try {
            String configured = env.get(ENV);
            if (configured != null && !configured.isBlank()) {
                return Optional.of(Path.of(configured));
            }
            if (userHome != null && !userHome.isBlank()) {
                return Optional.of(Path.of(userHome, ".cache", "cnnc"));
            }
        } catch (InvalidPathException e) {
            // an unusable path only disables the disk cache
        }
        return Optional.empty();
    }

    /** The process's default directory, from the environment and {@code user.home}. */
    public static Optional<Path> defaultDirectory() {
        return defaultDirectory(System.getenv(), System.getProperty("user.home"));
    }

    /** The compiled classes of {@code sources}: from memory, else from disk, else compiled now. */
    public CompiledClasses classes(Map<String, String> sources) {
        String key = key(sources);
        Optional<CompiledClasses> hit = cached(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        CompiledClasses compiled = compiler.compile(sources);
        compilations.incrementAndGet();
        listener.compiled(key);
        directory.ifPresent(d -> write(key, d.resolve(key + SUFFIX), compiled));
        return remember(key, compiled);
    }

    /**
     * The classes stored under {@code key} (from {@link #key}) in memory or on disk, without
     * compiling anything; empty when there are none.
     */
    public Optional<CompiledClasses> cached(String key) {
        CompiledClasses hit = fromMemory(key);
        if (hit != null) {
            memoryHits.incrementAndGet();
            listener.memoryHit(key);
            return Optional.of(hit);
        }
        Optional<Path> file = directory.map(d -> d.resolve(key + SUFFIX));
        Optional<CompiledClasses> stored = file.flatMap(f -> read(key, f));
        stored.ifPresent(c -> {
            diskHits.incrementAndGet();
            listener.diskHit(key, file.get());
            remember(key, c);
        });
        return stored;
    }

    /** The cache key of {@code sources}: hex SHA-256 over the sorted sources and both versions. */
    public String key(Map<String, String> sources) {
        MessageDigest digest = sha256();
        update(digest, "cnnc-model-classes/1");
        update(digest, toolVersion);
        update(digest, Runtime.version().toString());
        update(digest, System.getProperty("java.vm.name", ""));
        update(digest, InMemoryCompiler.RELEASE);
        for (Map.Entry<String, String> e : new TreeMap<>(sources).entrySet()) {
            update(digest, e.getKey());
            update(digest, e.getValue());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The cnnc version that is part of every key. */
    public String toolVersion() {
        return toolVersion;
    }

    public Stats stats() {
        return new Stats(memoryHits.get(), diskHits.get(), compilations.get(), ignored.get());
    }

    /** Forgets the in-memory entries (the disk entries stay), as a new process would. */
    public synchronized void clearMemory() {
        memory.clear();
    }

    private synchronized CompiledClasses fromMemory(String key) {
        return memory.get(key);
    }

    private synchronized CompiledClasses remember(String key, CompiledClasses classes) {
        memory.put(key, classes);
        return classes;
    }

    private Optional<CompiledClasses> read(String key, Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
            }
            CompiledClasses classes = CacheFile.decode(key, Files.readAllBytes(file));
            CacheDirectory.touch(file);
            return Optional.of(classes);
        } catch (IOException | RuntimeException e) {
            ignored.incrementAndGet();
            listener.entryIgnored(file, e instanceof IOException io ? IoErrors.describe(io) : e.toString());
            return Optional.empty();
        }
    }

    private void write(String key, Path file, CompiledClasses classes) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, CacheFile.encode(key, classes));
        } catch (IOException | RuntimeException e) {
            listener.storeFailed(file, e instanceof IOException io ? IoErrors.describe(io) : e.toString());
            return;
        }
        CacheDirectory.prune(file.getParent(), SUFFIX, diskEntries);
    }

    /** Length-prefixed, so that ("ab", "c") and ("a", "bc") hash differently. */
    private static void update(MessageDigest digest, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update(java.nio.ByteBuffer.allocate(8).putLong(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
