package dev.cnnc.spec.diag;

import java.util.Objects;

/** A secondary position attached to a diagnostic, e.g. the use site of an expanded block. */
public record Note(Position position, String message) {
    public Note {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }
}
