package dev.cnnc.runtime.golden;

import java.util.Locale;

/** What a fixture tensor is for (the {@code role} field of {@code cases.json}). */
public enum Role {
    /** An activation fed to the op. */
    INPUT,
    /** A weight, bias, BN gamma/beta, or an optimizer's starting parameters. */
    PARAM,
    /** BN running stats fed in; optimizer state after each step. */
    STATE,
    /** Integer class labels stored as float32. */
    LABEL,
    /** A forward result (also BN {@code running_*_new} and optimizer {@code param_stepK}). */
    OUTPUT,
    /** The upstream gradient fed to backward. */
    GRAD_OUTPUT,
    /** A gradient {@code grad_<name>} from PyTorch autograd. */
    GRAD,
    /** A network intermediate {@code act<i>}; optional to check. */
    DEBUG;

    /** Returns the role spelled {@code text} in the manifest ({@code "grad_output"} etc.). */
    static Role parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
