package dev.cnnc.runtime.compile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The on-disk format of one cache entry: a magic number, the entry's key, the class files
 * (name, length, bytes), and a SHA-256 of everything before it. Decoding checks all of it,
 * so a truncated, overwritten or foreign file is refused instead of reaching the class loader.
 */
final class CacheFile {
    private static final byte[] MAGIC = {'C', 'N', 'N', 'C', 'C', 'L', 'S', 1};
    private static final int DIGEST_BYTES = 32;
    /** Bound on the number of classes, against a corrupted count. */
    private static final int MAX_CLASSES = 100_000;

    private CacheFile() {
    }

    static byte[] encode(String key, CompiledClasses compiled) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeUTF(key);
            out.writeInt(compiled.classes().size());
            for (Map.Entry<String, byte[]> e : compiled.classes().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
            out.flush();
            out.write(sha256(bytes.toByteArray(), bytes.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The classes stored in {@code file} for {@code key}.
     *
     * @throws IOException with the reason when the content is not a valid entry for the key
     */
    static CompiledClasses decode(String key, byte[] file) throws IOException {
        int body = file.length - DIGEST_BYTES;
        if (body < MAGIC.length || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException("not a cnnc cache file");
        }
        if (!Arrays.equals(sha256(file, body), 0, DIGEST_BYTES, file, body, file.length)) {
            throw new IOException("checksum mismatch (truncated or modified)");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(file, MAGIC.length, body - MAGIC.length));
        if (!in.readUTF().equals(key)) {
            throw new IOException("the entry belongs to another key");
        }
        int count = in.readInt();
        if (count <= 0 || count > MAX_CLASSES) {
            throw new IOException("bad class count " + count);
        }
        Map<String, byte[]> classes = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException("bad length " + length + " for class " + name);
            }
            classes.put(name, in.readNBytes(length));
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes after the last class");
        }
        return new CompiledClasses(classes);
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
