package dev.cnnc.spec.def;

import static dev.cnnc.spec.def.ParamDef.computed;
import static dev.cnnc.spec.def.ParamDef.optional;
import static dev.cnnc.spec.def.ParamDef.required;

import java.util.List;
import java.util.Optional;

/**
 * The definition tables of every mapping outside the layers (contract §1, §1.2, §1.5).
 * The reader checks keys and value types against them and the JSON Schema is generated
 * from them.
 */
public final class SectionDefs {
    /** {@code input: {shape, normalize: {mean, std}}}. */
    public static final SectionDef NORMALIZE = new SectionDef("normalize",
            "Per-channel normalisation (x - mean[c]) / std[c], applied by the model first.",
            List.of(required("mean", ParamType.NUMBER_LIST, "One mean per input channel."),
                    required("std", ParamType.POSITIVE_NUMBER_LIST, "One standard deviation per input channel.")),
            List.of(), Optional.empty());

    public static final SectionDef INPUT = new SectionDef("input", "The network input and its normalisation.",
            List.of(required("shape", ParamType.INPUT_SHAPE, "[C, H, W] for 2-D, [C, L] for 1-D."),
                    computed("normalize", ParamType.SECTION, "none", "Per-channel mean and std.")),
            List.of(NORMALIZE), Optional.empty());

    public static final SectionDef OPTIMIZER = new SectionDef("optimizer",
            "The optimizer, with PyTorch's semantics; a bare string names the type.",
            List.of(optional("type", ParamType.OPTIMIZER, "adam", "sgd or adam."),
                    computed("lr", ParamType.POSITIVE_NUMBER, "0.001 for adam, 0.01 for sgd", "Learning rate."),
                    optional("momentum", ParamType.RATE, 0.0, "sgd only: momentum factor."),
                    optional("weight_decay", ParamType.NON_NEGATIVE_NUMBER, 0.0, "L2 penalty (PyTorch's weight_decay)."),
                    optional("nesterov", ParamType.BOOLEAN, false, "sgd only: Nesterov momentum (needs momentum > 0)."),
                    computed("betas", ParamType.BETAS, "[0.9, 0.999]", "adam only: [beta1, beta2]."),
                    optional("eps", ParamType.POSITIVE_NUMBER, 1e-8, "adam only: added to the denominator.")),
            List.of(), Optional.of("type"));

    public static final SectionDef LR_SCHEDULE = new SectionDef("lr_schedule",
            "Learning-rate schedule stepped once per epoch; a bare string names the type.",
            List.of(optional("type", ParamType.LR_SCHEDULE, "none", "step (StepLR), cosine (CosineAnnealingLR) or none."),
                    computed("step_size", ParamType.POSITIVE_INT, "required for step", "step: epochs between decays."),
                    optional("gamma", ParamType.POSITIVE_NUMBER, 0.1, "step: factor applied at each decay."),
                    optional("t_max", ParamType.NON_NEGATIVE_INT, 0, "cosine: epochs of the half cosine; 0 = epochs."),
                    optional("min_lr", ParamType.NON_NEGATIVE_NUMBER, 0.0, "cosine: the final learning rate.")),
            List.of(), Optional.of("type"));

    public static final SectionDef EARLY_STOPPING = new SectionDef("early_stopping",
            "Stop when the metric has not improved for `patience` epochs.",
            List.of(optional("patience", ParamType.POSITIVE_INT, 5, "Epochs without improvement before stopping."),
                    optional("metric", ParamType.METRIC, "val_loss", "val_loss (minimised) or val_accuracy (maximised).")),
            List.of(), Optional.empty());

    public static final SectionDef TRAIN = new SectionDef("train", "Training defaults; CLI flags override them.",
            List.of(optional("loss", ParamType.LOSS, "cross_entropy", "cross_entropy or mse."),
                    computed("optimizer", ParamType.SECTION, "adam", "sgd or adam, with settings."),
                    optional("batch", ParamType.POSITIVE_INT, 64, "Mini-batch size."),
                    optional("epochs", ParamType.POSITIVE_INT, 10, "Passes over the training data."),
                    optional("seed", ParamType.NON_NEGATIVE_INT, 0, "Seed of initialisation, shuffling and dropout."),
                    computed("lr_schedule", ParamType.SECTION, "none", "Learning-rate schedule."),
                    optional("init", ParamType.INIT, "he", "Weight initialisation: he or glorot."),
                    computed("early_stopping", ParamType.SECTION, "off", "Stop early on a validation metric."),
                    optional("validation_split", ParamType.RATE, 0.0, "Fraction of the training data held out, [0, 1).")),
            List.of(OPTIMIZER, LR_SCHEDULE, EARLY_STOPPING), Optional.empty());

    /** One entry of {@code blocks:}. */
    public static final SectionDef BLOCK = new SectionDef("block", "A reusable group of layers with parameters.",
            List.of(computed("params", ParamType.BLOCK_PARAMS, "none", "Parameter names and defaults (null = required)."),
                    required("layers", ParamType.LAYERS, "The block's layers; `input` is the block's input.")),
            List.of(), Optional.empty());

    /** A layer-list entry that expands a block. */
    public static final SectionDef USE = new SectionDef("use", "Expands a block in place.",
            List.of(required("use", ParamType.NAME, "The block to expand."),
                    computed("name", ParamType.NAME, "<block>_<k>", "Prefix of the expanded layer names."),
                    computed("input", ParamType.LAYER_INPUT, "the layer before", "The block's input."),
                    optional("repeat", ParamType.POSITIVE_INT, 1, "Copies chained one after another."),
                    computed("with", ParamType.BLOCK_ARGS, "none", "Values of the block's parameters.")),
            List.of(), Optional.empty());

    /** The top level of a spec file. */
    public static final SectionDef TOP = new SectionDef("", "A cnnc model spec, format 1.",
            List.of(optional("format", ParamType.INTEGER, 1, "The spec format; only 1 exists."),
                    required("name", ParamType.STRING, "The model name; the Java class name is derived from it."),
                    required("input", ParamType.INPUT, "[C, H, W], [C, L] or {shape, normalize}."),
                    computed("classes", ParamType.STRING_LIST, "none", "Label names, one per output."),
                    computed("blocks", ParamType.BLOCKS, "none", "Reusable groups of layers."),
                    required("layers", ParamType.LAYERS, "The layers in order; the last is the output."),
                    computed("train", ParamType.SECTION, "defaults", "Training defaults.")),
            List.of(TRAIN), Optional.empty());

    private SectionDefs() {
    }
}
