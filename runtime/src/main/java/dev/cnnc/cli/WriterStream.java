package dev.cnnc.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** A PrintStream that writes into a command's PrintWriter (so progress goes where picocli's stderr goes). */
final class WriterStream {
    private WriterStream() {
    }

    /** Returns a UTF-8 PrintStream that passes its text to {@code w} on every flush. */
    static PrintStream over(PrintWriter w) {
        OutputStream os = new OutputStream() {
            private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                buf.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buf.write(b, off, len);
            }

            @Override
            public void flush() {
                w.write(buf.toString(StandardCharsets.UTF_8));
                buf.reset();
                w.flush();
            }
        };
        return new PrintStream(os, true, StandardCharsets.UTF_8);
    }
}
