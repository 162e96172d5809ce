package dev.cnnc.runtime.bench;

import dev.cnnc.spec.diag.Json;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What {@code cnnc bench} measured. Times are warm medians; {@code NaN} (JSON {@code null})
 * marks a quantity that was not measured.
 *
 * @param latencyUs        median time of one batch-1 forward
 * @param imagesPerS       inference throughput at {@code batch} with {@code threads} threads
 * @param imagesPerS1      the same with one thread (for the scaling), NaN when threads is 1
 * @param trainSamplesPerS training throughput, NaN when not measured
 * @param trainNote        why training was not measured, or empty
 * @param allocPerForward  bytes allocated per batch-1 forward (warm), NaN when the JVM cannot tell
 * @param allocPerBatch    bytes allocated per batch forward (warm, one thread)
 * @param allocPerTrainStep bytes allocated per training step (warm), NaN when training was not measured
 * @param loadColdMs       spec file to loaded class, generating and compiling in this process
 * @param loadCachedMs     spec file to loaded class from the disk cache, NaN when there is none
 * @param vectorApi        whether the model runs the opt-in {@code jdk.incubator.vector} kernels
 */
public record BenchResult(String name, int batch, int threads, double latencyUs, double imagesPerS,
        double imagesPerS1, double trainSamplesPerS, String trainNote, double allocPerForward, double allocPerBatch,
        double allocPerTrainStep, double loadColdMs, double loadCachedMs, long macs, List<LayerTimer.Row> layers,
        boolean vectorApi) {
    public BenchResult {
        layers = List.copyOf(layers);
    }

    /**
     * Bytes per training step above which the text report says the vector kernels ran boxed: a
     * compiled step allocates nothing; boxed vectors came to megabytes.
     */
    static final double BOXED_STEP_BYTES = 64 * 1024;

    /** The JVM's name and version, as reported. */
    public static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version");
    }

    static double orNaN(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : Double.NaN;
    }

    /** One JSON object (the contract's {@code latency_us}, {@code images_per_s}, ... members). */
    public String json(double peakGflops) {
        StringBuilder b = new StringBuilder("{");
        b.append("\"name\":").append(Json.quote(name));
        b.append(",\"batch\":").append(batch).append(",\"threads\":").append(threads);
        b.append(",\"latency_us\":").append(num(latencyUs));
        b.append(",\"images_per_s\":").append(num(imagesPerS));
        b.append(",\"images_per_s_1_thread\":").append(num(threads == 1 ? imagesPerS : imagesPerS1));
        b.append(",\"train_samples_per_s\":").append(num(trainSamplesPerS));
        if (!trainNote.isEmpty()) {
            b.append(",\"train_note\":").append(Json.quote(trainNote));
        }
        b.append(",\"alloc_bytes_per_forward\":").append(num(allocPerForward));
        b.append(",\"alloc_bytes_per_batch_forward\":").append(num(allocPerBatch));
        b.append(",\"alloc_bytes_per_train_step\":").append(num(allocPerTrainStep));
        b.append(",\"load_cold_ms\":").append(num(loadColdMs));
        b.append(",\"load_cached_ms\":").append(num(loadCachedMs));
        b.append(",\"macs_per_image\":").append(macs);
        b.append(",\"vector_api\":").append(vectorApi);
        b.append(",\"jvm\":").append(Json.quote(jvm()));
        b.append(",\"java_version\":").append(Json.quote(System.getProperty("java.version")));
        if (!layers.isEmpty()) {
            b.append(",\"peak_gflops\":").append(num(peakGflops)).append(",\"layers\":[");
            for (int i = 0; i < layers.size(); i++) {
                LayerTimer.Row r = layers.get(i);
                b.append(i == 0 ? "" : ",").append("{\"method\":").append(Json.quote(r.method()))
                        .append(",\"layer\":").append(Json.quote(r.layer()))
                        .append(",\"median_us\":").append(num(r.micros()))
                        .append(",\"macs\":").append(r.macs())
                        .append(",\"gflops\":").append(num(r.gflops()))
                        .append(",\"skips_zeros\":").append(r.skipsZeros()).append('}');
            }
            b.append(']');
        }
        return b.append('}').toString();
    }

    /** Lines for people. */
    public String text(double peakGflops) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %s, %d thread(s), batch %d%s%n", name, jvm(), threads, batch,
                vectorApi ? ", vector API kernels" : ""));
        b.append(String.format(Locale.ROOT, "  latency (batch 1):      %10.1f us%n", latencyUs));
        b.append(String.format(Locale.ROOT, "  inference (batch %d):  %10.0f images/s (%.1f GFLOP/s)%n", batch,
                imagesPerS, 2.0 * macs * imagesPerS / 1e9));
        if (threads > 1) {
            b.append(String.format(Locale.ROOT, "  one thread:             %10.0f images/s (scaling %.2fx)%n",
                    imagesPerS1, imagesPerS / imagesPerS1));
        }
        b.append(trainNote.isEmpty()
                ? String.format(Locale.ROOT, "  training (batch %d):   %10.0f samples/s%n", batch, trainSamplesPerS)
                : "  training: " + trainNote + System.lineSeparator());
        b.append(String.format(Locale.ROOT, "  allocation:             %10.0f bytes/forward, %.0f bytes/batch forward%s%n",
                allocPerForward, allocPerBatch, Double.isNaN(allocPerTrainStep) ? ""
                        : String.format(Locale.ROOT, ", %.0f bytes/training step", allocPerTrainStep)));
        if (vectorApi && allocPerTrainStep > BOXED_STEP_BYTES) {
            b.append("  note: the training step allocates: the JIT left some vector operations boxed in this run")
                    .append(System.lineSeparator())
                    .append("        (a slow mode of the --vector-api kernels, docs/performance.md \"Where the time goes\");")
                    .append(" run it again")
                    .append(System.lineSeparator());
        }
        b.append(String.format(Locale.ROOT, "  spec -> loaded class:   %10.0f ms cold, %s%n", loadColdMs,
                Double.isNaN(loadCachedMs) ? "disk cache not timed"
                        : String.format(Locale.ROOT, "%.0f ms from the disk cache", loadCachedMs)));
        if (!layers.isEmpty()) {
            b.append(String.format(Locale.ROOT, "  per layer (batch 1, peak %.0f GFLOP/s):%n", peakGflops));
            b.append(LayerTimer.table(layers, peakGflops).indent(4));
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.4g", v);
    }
}
