/**
 * Training machinery that works on one flat {@code float[]} of parameters and one flat
 * {@code float[]} of gradients with the same layout (PyTorch {@code state_dict()} order).
 *
 * <p>The generated model code supplies forward and backward; this package supplies the rest of
 * the training loop: the parameter layout ({@link dev.cnnc.runtime.train.ParamLayout}),
 * initialisation ({@link dev.cnnc.runtime.train.Initializer}), losses
 * ({@link dev.cnnc.runtime.train.LossFunction}), optimizers with PyTorch's exact semantics
 * ({@link dev.cnnc.runtime.train.Optimizer}), per-epoch learning-rate schedules
 * ({@link dev.cnnc.runtime.train.LrScheduler}), seeded shuffling, validation split and
 * mini-batches ({@link dev.cnnc.runtime.train.DataSplit}, {@link dev.cnnc.runtime.train.Batches}),
 * early stopping, the content of checkpoints ({@link dev.cnnc.runtime.train.Checkpoint}) and progress
 * reporting ({@link dev.cnnc.runtime.train.ProgressListener}). {@link dev.cnnc.runtime.train.Trainer}
 * runs the loop over a {@link dev.cnnc.runtime.train.TrainableModel}, the interface the generated
 * model's adapter implements; {@link dev.cnnc.runtime.train.Evaluator} runs inference over
 * samples for validation and evaluation. Everything that draws random
 * numbers derives its stream from the one run seed with {@link dev.cnnc.runtime.train.Seeds}, so
 * a run is reproducible and a resumed run continues exactly.
 */
package dev.cnnc.runtime.train;
