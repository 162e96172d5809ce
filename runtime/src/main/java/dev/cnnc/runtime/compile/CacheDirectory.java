package dev.cnnc.runtime.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Least-recently-used bookkeeping of a cache directory, by modification time; best effort throughout. */
final class CacheDirectory {
    private CacheDirectory() {
    }

    /** Marks an entry as used now; failing (a read-only cache) only makes it look older. */
    static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException | RuntimeException e) {
            // the entry still serves
        }
    }

    /** Deletes the least recently used files ending in {@code suffix} beyond {@code keep}. */
    static void prune(Path dir, String suffix, int keep) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> entries = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            if (entries.size() <= keep) {
                return;
            }
            Map<Path, FileTime> used = new HashMap<>();
            for (Path f : entries) {
                used.put(f, Files.getLastModifiedTime(f));
            }
            List<Path> oldestFirst = entries.stream().sorted(Comparator.comparing(used::get)).toList();
            for (Path f : oldestFirst.subList(0, entries.size() - keep)) {
                Files.deleteIfExists(f);
            }
        } catch (IOException | RuntimeException e) {
            // another process may be pruning too; a large cache is not an error
        }
    }
}
