package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.safetensors.SafetensorsReader;
import dev.cnnc.runtime.safetensors.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnc train} end to end on a tiny spec and data set, with a hand-written trainable model. */
class TrainCommandTest {
    @TempDir
    Path tmp;

    Path spec;
    Path data;

    @BeforeEach
    void setUp() throws IOException {
        spec = TrainFixtures.tinySpec(tmp);
        data = TrainFixtures.idx(tmp.resolve("data"), 90, 30, 4, 3);
        TrainCommand.factory = s -> new TrainFixtures.Linear(() -> { });
    }

    @AfterEach
    void tearDown() {
        TrainCommand.factory = GeneratedModels.FACTORY;
        TrainCommand.onRunStart = stop -> { };
    }

    Cli train(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", spec.toString(), "--data", data.toString(),
                "-o", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void writesEveryFileOfTheContract() throws Exception {
        Path out = tmp.resolve("run");
        Cli r = train(out);
        assertEquals(0, r.code(), r.toString());
        for (String f : List.of("spec.yaml", "weights.safetensors", "last.safetensors", "checkpoint/LATEST",
                "metrics.csv", "curves.png", "kernels.png", "confusion.csv", "src")) {
            assertTrue(Files.exists(out.resolve(f)), f + " missing\n" + r);
        }
        Tensors w = SafetensorsReader.read(out.resolve("weights.safetensors"));
        assertEquals(List.of("c1.bias", "c1.weight"), w.names().stream().sorted().toList());
        assertArrayEquals(new int[] {3, 1, 4, 4}, w.get("c1.weight").shape());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds", metrics.get(0));
        assertEquals(3, metrics.size(), "header + one row per epoch (2)");
        assertNotNull(ImageIO.read(out.resolve("curves.png").toFile()));
        assertNotNull(ImageIO.read(out.resolve("kernels.png").toFile()));
        List<String> confusion = Files.readAllLines(out.resolve("confusion.csv"));
        assertEquals("actual\\predicted,top,middle,lower", confusion.get(0));
        assertEquals(4, confusion.size());
        long tested = confusion.stream().skip(1).flatMap(l -> Stream.of(l.split(",")).skip(1))
                .mapToLong(Long::parseLong).sum();
        assertEquals(30, tested, "confusion.csv counts the 30 test images");
        assertEquals(TrainFixtures.TINY, Files.readString(out.resolve("spec.yaml")));
        try (Stream<Path> s = Files.walk(out.resolve("src"))) {
            assertTrue(s.anyMatch(p -> p.toString().endsWith("Tiny.java")));
        }
        assertTrue(r.out().contains("test accuracy"), r.toString());
        assertTrue(r.err().contains("epoch 2/2"), r.toString());
    }

    @Test
    void theSameCommandTwiceGivesBitIdenticalWeights() throws Exception {
        assertEquals(0, train(tmp.resolve("a")).code());
        assertEquals(0, train(tmp.resolve("b")).code());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/weights.safetensors")),
                Files.readAllBytes(tmp.resolve("b/weights.safetensors")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/last.safetensors")),
                Files.readAllBytes(tmp.resolve("b/last.safetensors")));
    }

    @Test
    void twoThreadsAreDeterministicAndLearn() throws Exception {
        Cli a = train(tmp.resolve("a"), "--threads", "2");
        assertEquals(0, a.code(), a.toString());
        assertEquals(0, train(tmp.resolve("b"), "--threads", "2").code());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/last.safetensors")),
                Files.readAllBytes(tmp.resolve("b/last.safetensors")));
        double acc = Double.parseDouble(a.out().substring(a.out().indexOf("test accuracy ") + 14).split(" ")[0]);
        assertTrue(acc > 0.9, "the classes are separable: " + a);
    }

    @Test
    void aDifferentSeedGivesDifferentWeights() throws Exception {
        assertEquals(0, train(tmp.resolve("a")).code());
        assertEquals(0, train(tmp.resolve("b"), "--seed", "4").code());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("a/last.safetensors")),
                Files.readAllBytes(tmp.resolve("b/last.safetensors"))));
        assertTrue(Files.readString(tmp.resolve("b/spec.yaml")).contains("--seed 4"));
    }

    @Test
    void anInterruptedRunResumesToTheSameWeights() throws Exception {
        assertEquals(0, train(tmp.resolve("whole"), "--epochs", "3").code());
        // 72 training samples in batches of 10: 8 batches per epoch; stop in the first batch of epoch 2
        AtomicReference<Runnable> stop = new AtomicReference<>();
        AtomicInteger forwards = new AtomicInteger();
        TrainCommand.onRunStart = stop::set;
        TrainCommand.factory = s -> new TrainFixtures.Linear(() -> {
            if (forwards.incrementAndGet() == 9) {
                stop.get().run();
            }
        });
        Path out = tmp.resolve("parts");
        Cli first = train(out, "--epochs", "3");
        assertEquals(130, first.code(), first.toString());
        assertTrue(first.err().contains("epochs 1-1 are saved"), first.toString());
        assertEquals(2, Files.readAllLines(out.resolve("metrics.csv")).size());
        TrainCommand.factory = s -> new TrainFixtures.Linear(() -> { });
        Cli second = Cli.run("train", spec.toString(), "--data", data.toString(), "-o", out.toString(), "--resume");
        assertEquals(0, second.code(), second.toString());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("whole/last.safetensors")),
                Files.readAllBytes(out.resolve("last.safetensors")), "the resumed run continues with --epochs 3");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("whole/weights.safetensors")),
                Files.readAllBytes(out.resolve("weights.safetensors")));
        assertEquals(4, Files.readAllLines(out.resolve("metrics.csv")).size());
    }

    @Test
    void resumeTakesACheckpointPathAndFindsTheRunFolder() throws Exception {
        Path out = tmp.resolve("r");
        assertEquals(0, train(out, "--epochs", "1").code());
        Cli r = Cli.run("train", spec.toString(), "--data", data.toString(), "--epochs", "2",
                "--resume", out.resolve("checkpoint").toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(3, Files.readAllLines(out.resolve("metrics.csv")).size());
    }

    @Test
    void anotherRunsFolderIsRefusedWithoutForce() throws Exception {
        Path out = tmp.resolve("run");
        assertEquals(0, train(out, "--epochs", "1").code());
        byte[] before = Files.readAllBytes(out.resolve("weights.safetensors"));
        Cli again = train(out, "--epochs", "1", "--seed", "9");
        assertEquals(3, again.code(), again.toString());
        assertTrue(again.err().contains("--force"), again.toString());
        assertTrue(again.err().contains("weights.safetensors"), again.toString());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("weights.safetensors")));
        assertEquals(0, train(out, "--epochs", "1", "--seed", "9", "--force").code());
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(out.resolve("weights.safetensors"))));
    }

    @Test
    void aHugeLearningRateDivergesWithExitCode4() {
        Cli r = train(tmp.resolve("run"), "--lr", "1e38");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("diverged at epoch 1, batch"), r.toString());
        assertTrue(r.err().contains("e.g. --lr 1.0e+37 (this run used 1.0e+38)"), r.toString());
        assertTrue(r.err().contains("no epoch completed, nothing was saved"), r.toString());
    }

    @Test
    void labelsOutsideTheClassesAreBadData() throws Exception {
        data = TrainFixtures.idx(tmp.resolve("five"), 20, 10, 4, 5);
        Cli r = train(tmp.resolve("run"));
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith(data + ": "), r.toString());
        assertTrue(r.err().contains("outside the model's 3 classes"), r.toString());
        assertFalse(Files.exists(tmp.resolve("run/weights.safetensors")));
    }

    @Test
    void imagesOfAnotherSizeAreBadData() throws Exception {
        data = TrainFixtures.idx(tmp.resolve("big"), 20, 10, 5, 3);
        Cli r = train(tmp.resolve("run"));
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("1×5×5 (C×H×W), the model's input"), r.toString());
    }

    @Test
    void missingDataIsBadData() {
        data = tmp.resolve("nothing");
        Cli r = train(tmp.resolve("run"));
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("nothing: no such file or folder"), r.toString());
    }

    @Test
    void usageErrorsExitWith2() {
        for (String[] bad : List.of(new String[] {"--epochs", "0"}, new String[] {"--batch", "-1"},
                new String[] {"--lr", "0"}, new String[] {"--threads", "0"},
                new String[] {"--resume", "--force"}, new String[] {"--epochs", "x"})) {
            Cli r = train(tmp.resolve("run"), bad);
            assertEquals(2, r.code(), String.join(" ", bad) + "\n" + r);
            assertTrue(r.err().contains("Try 'cnnc train --help'"), r.toString());
        }
        assertFalse(Files.exists(tmp.resolve("run")));
    }

    @Test
    void aBadSpecExitsWith1() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "name: X\ninput: [1, 4, 4]\nlayers: []\n");
        Cli r = Cli.run("train", bad.toString(), "--data", data.toString(), "-o", tmp.resolve("run").toString());
        assertEquals(1, r.code(), r.toString());
    }

    @Test
    void evaluateAgreesWithTrainOnTheTestSplit() throws Exception {
        Path out = tmp.resolve("run");
        Cli t = train(out);
        assertEquals(0, t.code(), t.toString());
        String acc = t.out().substring(t.out().indexOf("test accuracy ") + 14).split(" ")[0];
        Cli e = Cli.run("evaluate", spec.toString(), "--weights", out.resolve("weights.safetensors").toString(),
                "--data", data.toString());
        assertEquals(0, e.code(), e.toString());
        assertTrue(e.out().contains("accuracy  " + acc), acc + "\n" + e);
        assertTrue(e.out().contains("middle"), e.toString());
        Cli j = Cli.run("evaluate", spec.toString(), "--weights", out.resolve("weights.safetensors").toString(),
                "--data", data.toString(), "--format", "json");
        assertEquals(0, j.code(), j.toString());
        assertTrue(j.out().startsWith("{\"loss\":"), j.toString());
        assertTrue(j.out().contains("\"total\":30"), j.toString());
        assertTrue(j.out().contains("\"confusion\":[["), j.toString());
    }

    @Test
    void evaluateReportsBadWeightsAndBadData() throws Exception {
        Path w = Files.write(tmp.resolve("w.safetensors"), new byte[] {1, 2, 3});
        Cli r = Cli.run("evaluate", spec.toString(), "--weights", w.toString(), "--data", data.toString());
        assertEquals(1, r.code(), r.toString());
        Path out = tmp.resolve("run");
        assertEquals(0, train(out, "--epochs", "1").code());
        Path five = TrainFixtures.idx(tmp.resolve("five"), 10, 10, 4, 5);
        Cli d = Cli.run("evaluate", spec.toString(), "--weights", out.resolve("weights.safetensors").toString(),
                "--data", five.toString());
        assertEquals(1, d.code(), d.toString());
        assertTrue(d.err().contains("test labels are outside"), d.toString());
    }
}
