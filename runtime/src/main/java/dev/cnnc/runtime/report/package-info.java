/**
 * What a training or evaluation run leaves behind: the output folder and its files.
 *
 * <p>{@link dev.cnnc.runtime.report.RunDirectory} owns the {@code train -o OUT} folder (created
 * if missing, refusing another run's files without {@code --force}) and writes every file
 * atomically through {@link dev.cnnc.runtime.AtomicFiles}. The files are
 * {@code metrics.csv} ({@link dev.cnnc.runtime.report.MetricsCsv}), {@code confusion.csv} and the
 * evaluation report ({@link dev.cnnc.runtime.report.ConfusionMatrix},
 * {@link dev.cnnc.runtime.report.EvaluationReport}), {@code curves.png}
 * ({@link dev.cnnc.runtime.report.CurvesPlot}) and {@code kernels.png}
 * ({@link dev.cnnc.runtime.report.KernelImage}). Plots are drawn with java.awt on an off-screen
 * image, so they work with {@code -Djava.awt.headless=true} and no display.
 * {@link dev.cnnc.runtime.report.CheckpointStore} keeps {@code OUT/checkpoint} crash-safe, and
 * {@link dev.cnnc.runtime.report.RunOutputs} writes all of these as a training run proceeds.
 */
package dev.cnnc.runtime.report;
