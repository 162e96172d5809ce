package dev.cnnc.runtime.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {
    private static final InMemoryCompiler COMPILER = new InMemoryCompiler();

    @TempDir
    Path dir;

    /** Records what the cache reports. */
    private static final class Events implements ModelCache.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void memoryHit(String key) {
            events.add("memory");
        }

        @Override
        public void diskHit(String key, Path file) {
            events.add("disk");
        }

        @Override
        public void compiled(String key) {
            events.add("compiled");
        }

        @Override
        public void entryIgnored(Path file, String reason) {
            events.add("ignored: " + reason);
        }

        @Override
        public void storeFailed(Path file, String reason) {
            events.add("store failed");
        }
    }

    private ModelCache cache(Optional<Path> directory, Events events) {
        return new ModelCache(COMPILER, directory, "1.2.3", events);
    }

    @Test
    void secondLoadHitsMemory() {
        Events events = new Events();
        ModelCache cache = cache(Optional.empty(), events);
        CompiledClasses first = cache.classes(StandInModel.SOURCES);
        CompiledClasses second = cache.classes(StandInModel.SOURCES);
        assertEquals(List.of("compiled", "memory"), events.events);
        assertEquals(new ModelCache.Stats(1, 0, 1, 0), cache.stats());
        assertArrayEquals(first.classes().get(StandInModel.CLASS), second.classes().get(StandInModel.CLASS));
    }

    @Test
    void aNewProcessHitsTheDiskCache() {
        cache(Optional.of(dir), new Events()).classes(StandInModel.SOURCES);
        Events events = new Events();
        ModelCache fresh = cache(Optional.of(dir), events);
        long compilations = COMPILER.compilations();
        CompiledClasses classes = fresh.classes(StandInModel.SOURCES);
        assertEquals(List.of("disk"), events.events);
        assertEquals(compilations, COMPILER.compilations(), "javac must not run");
        new ModelClass(classes.load(StandInModel.CLASS), StandInModel.PARAMS); // the stored bytes still load
    }

    @Test
    void corruptEntryIsIgnoredRecompiledAndReplaced() throws IOException {
        cache(Optional.of(dir), new Events()).classes(StandInModel.SOURCES);
        Path entry = onlyEntry();
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(entry, bytes);

        Events events = new Events();
        ModelCache fresh = cache(Optional.of(dir), events);
        CompiledClasses classes = fresh.classes(StandInModel.SOURCES);
        assertEquals(2, events.events.size(), events.events.toString());
        assertTrue(events.events.get(0).startsWith("ignored: checksum"), events.events.toString());
        assertEquals("compiled", events.events.get(1));
        new ModelClass(classes.load(StandInModel.CLASS), StandInModel.PARAMS);

        Events third = new Events();
        cache(Optional.of(dir), third).classes(StandInModel.SOURCES);
        assertEquals(List.of("disk"), third.events, "the corrupt entry was replaced by a good one");
    }

    @Test
    void truncatedOrEmptyOrUnreadableEntriesAreRecompiled() throws IOException {
        cache(Optional.of(dir), new Events()).classes(StandInModel.SOURCES);
        Path entry = onlyEntry();
        for (byte[] content : List.of(new byte[0], Files.readAllBytes(entry).clone())) {
            Files.write(entry, content.length == 0 ? content : java.util.Arrays.copyOf(content, content.length - 40));
            Events events = new Events();
            cache(Optional.of(dir), events).classes(StandInModel.SOURCES);
            assertEquals(2, events.events.size(), events.events.toString());
            assertEquals("compiled", events.events.get(1));
        }
        Files.delete(entry);
        Files.createDirectory(entry); // a directory where the file should be: cannot be read nor replaced
        Events events = new Events();
        ModelCache cache = cache(Optional.of(dir), events);
        cache.classes(StandInModel.SOURCES);
        assertEquals(List.of("compiled", "store failed"), events.events);
    }

    @Test
    void unwritableDirectoryOnlyCostsACompilation() throws IOException {
        Path file = dir.resolve("not-a-dir");
        Files.writeString(file, "x");
        Events events = new Events();
        ModelCache cache = cache(Optional.of(file.resolve("cache")), events);
        cache.classes(StandInModel.SOURCES);
        assertEquals(List.of("compiled", "store failed"), events.events);
    }

    @Test
    void theLeastRecentlyUsedEntriesArePruned() throws IOException {
        ModelCache cache = new ModelCache(COMPILER, Optional.of(dir), "1.2.3", new Events(), 2);
        Map<String, String> a = Map.of("a/A.java", "package a; public class A { }");
        Map<String, String> b = Map.of("b/B.java", "package b; public class B { }");
        Map<String, String> c = Map.of("c/C.java", "package c; public class C { }");
        cache.classes(a);
        cache.classes(b);
        Files.setLastModifiedTime(dir.resolve(cache.key(a) + ".classes"), FileTime.fromMillis(1_000_000L));
        Files.setLastModifiedTime(dir.resolve(cache.key(b) + ".classes"), FileTime.fromMillis(2_000_000L));
        new ModelCache(COMPILER, Optional.of(dir), "1.2.3", new Events(), 2).classes(a); // a disk hit: a is used now
        cache.classes(c);
        assertTrue(Files.exists(dir.resolve(cache.key(a) + ".classes")));
        assertTrue(Files.notExists(dir.resolve(cache.key(b) + ".classes")), "b was the least recently used");
        assertTrue(Files.exists(dir.resolve(cache.key(c) + ".classes")));
    }

    @Test
    void keyDependsOnSourcesAndVersion() {
        ModelCache a = cache(Optional.empty(), new Events());
        ModelCache b = new ModelCache(COMPILER, Optional.empty(), "1.2.4", new Events());
        String key = a.key(StandInModel.SOURCES);
        assertEquals(64, key.length());
        assertEquals(key, a.key(Map.copyOf(StandInModel.SOURCES)));
        assertNotEquals(key, b.key(StandInModel.SOURCES));
        assertNotEquals(key, a.key(Map.of(StandInModel.PATH, StandInModel.SOURCE + " ")));
        assertNotEquals(a.key(Map.of("ab", "c")), a.key(Map.of("a", "bc")));
    }

    @Test
    void defaultDirectory() {
        assertEquals(Optional.of(Path.of("/x/c")), ModelCache.defaultDirectory(Map.of("CNNC_CACHE", "/x/c"), "/h"));
        assertEquals(Optional.of(Path.of("/h/.cache/cnnc")), ModelCache.defaultDirectory(Map.of("CNNC_CACHE", " "), "/h"));
        assertEquals(Optional.empty(), ModelCache.defaultDirectory(Map.of(), null));
    }

    private Path onlyEntry() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> entries = files.toList();
            assertEquals(1, entries.size(), entries.toString());
            return entries.get(0);
        }
    }
}
