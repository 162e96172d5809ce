package dev.cnnc.runtime.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** PNG encoding of off-screen images, with drawing failures turned into IOExceptions. */
public final class Images {
    private Images() {
    }

    /** Draws an image. */
    @FunctionalInterface
    public interface Drawing {
        /** Returns the drawn image. */
        BufferedImage draw();
    }

    /**
     * Draws and encodes a PNG. Drawing needs no display (java.awt in headless mode); a JDK without
     * fonts fails here, which becomes an IOException so a caller can report it as a warning
     * instead of losing the run.
     */
    public static byte[] png(String what, Drawing drawing) throws IOException {
        try {
            BufferedImage image = drawing.draw();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("cannot encode " + what + ": no PNG writer");
            }
            return out.toByteArray();
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            throw new IOException("cannot draw " + what + ": " + e, e);
        }
    }
}
