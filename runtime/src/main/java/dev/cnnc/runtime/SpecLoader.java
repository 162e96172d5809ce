package dev.cnnc.runtime;

import dev.cnnc.compiler.shape.ShapeChecker;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.Position;
import dev.cnnc.spec.diag.SourceText;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.yaml.SpecReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The front end shared by every command: reads a spec file as UTF-8, parses it
 * ({@link SpecReader}) and shape-checks it ({@link ShapeChecker}), collecting every
 * diagnostic. Each stage runs only when the one before reported no errors. A file that
 * cannot be read is a user error too: one {@link Code#IO} diagnostic, never an exception.
 */
public final class SpecLoader {
    /** Spec files larger than this (1 MiB) are refused; real specs are a few kilobytes. */
    public static final long MAX_BYTES = 1L << 20;

    private static final char BOM = '\uFEFF';

    /** Reads, parses and checks the file named {@code file} (a path as the user wrote it). */
    public LoadedSpec load(String file) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<SourceText> source = read(file, diagnostics);
        if (source.isEmpty()) {
            return new LoadedSpec(file, Optional.empty(), diagnostics.sorted(), Optional.empty(), Optional.empty());
        }
        return check(source.get(), diagnostics);
    }

    /** Parses and checks text that is already in memory. */
    public LoadedSpec load(SourceText source) {
        return check(source, new Diagnostics());
    }

    private static LoadedSpec check(SourceText source, Diagnostics diagnostics) {
        Optional<NetworkSpec> spec = new SpecReader().read(source, diagnostics);
        if (diagnostics.hasErrors()) {
            spec = Optional.empty();
        }
        Optional<TypedNetwork> network = spec.isEmpty() ? Optional.empty()
                : new ShapeChecker().check(spec.get(), diagnostics);
        if (diagnostics.hasErrors()) {
            network = Optional.empty();
        } else if (network.isEmpty()) {
            throw new IllegalStateException("the front end returned no network and reported no error for "
                    + source.name());
        }
        return new LoadedSpec(source.name(), Optional.of(source), diagnostics.sorted(), spec, network);
    }

    private static Optional<SourceText> read(String file, Diagnostics diagnostics) {
        Position where = Position.ofFile(file);
        try {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                diagnostics.error(Code.IO, where, "cannot read: is a directory", "Give the path of a .yaml file.");
                return Optional.empty();
            }
            Optional<byte[]> bytes = readAtMost(path, MAX_BYTES);
            if (bytes.isEmpty()) {
                long size = Files.size(path);
                diagnostics.error(Code.FILE_TOO_LARGE, where, "cannot read: the file has "
                        + (size > MAX_BYTES ? String.format(Locale.ROOT, "%,d", size) : "more than "
                        + String.format(Locale.ROOT, "%,d", MAX_BYTES)) + " bytes, the limit for a spec is "
                        + String.format(Locale.ROOT, "%,d", MAX_BYTES),
                        "Check that this is a model spec; specs are usually a few kilobytes.");
                return Optional.empty();
            }
            return decode(file, bytes.get(), diagnostics);
        } catch (InvalidPathException e) {
            diagnostics.error(Code.IO, where, "cannot read: not a valid path (" + e.getReason() + ")");
        } catch (IOException e) {
            diagnostics.error(Code.IO, where, "cannot read: " + IoErrors.describe(e));
        }
        return Optional.empty();
    }

    /**
     * The whole content, or empty when it is longer than {@code limit}. Bounded by reading,
     * not only by {@link Files#size}, which is 0 for pipes such as {@code /dev/stdin}.
     */
    private static Optional<byte[]> readAtMost(Path path, long limit) throws IOException {
        if (Files.size(path) > limit) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
        }
    }

    /** Strict UTF-8: a malformed byte is reported with its offset instead of being replaced. */
    private static Optional<SourceText> decode(String file, byte[] bytes, Diagnostics diagnostics) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            diagnostics.error(Code.IO, Position.ofFile(file), String.format(Locale.ROOT,
                    "cannot read: not UTF-8 text (invalid byte 0x%02x at offset %,d)",
                    bytes[in.position()] & 0xff, in.position()),
                    "Save the spec as UTF-8.");
            return Optional.empty();
        }
        String text = out.flip().toString();
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        return Optional.of(new SourceText(file, text));
    }
}
