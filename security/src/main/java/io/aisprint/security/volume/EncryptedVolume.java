package io.aisprint.security.volume;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import io.aisprint.security.secrets.Aead;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A folder whose files are encrypted at rest. Each file has its own random AES-256 key, wrapped
 * (AES-GCM) by the volume key the trust service gives attested services that mount the volume;
 * the file's relative path is authenticated with both layers, so a changed byte, a truncated
 * file, a file swapped with another or a file from another volume fails on read.
 *
 * <p>File layout: {@code "AIV1"}, u16 wrapped-key length, wrapped key, sealed content.
 */
public final class EncryptedVolume {
    private static final byte[] MAGIC = "AIV1".getBytes(StandardCharsets.US_ASCII);
    private final Path root;
    private final byte[] volumeKey;

    public EncryptedVolume(Path root, byte[] volumeKey) {
        if (volumeKey.length != 32) {
            throw new TrustException(TrustErrorCode.SECRET_REFUSED, "a volume key is 32 bytes; got " + volumeKey.length);
        }
        this.root = root;
        this.volumeKey = volumeKey.clone();
    }

    public void write(String relativePath, byte[] content) {
        Path file = resolve(relativePath);
        byte[] aad = relativePath.getBytes(StandardCharsets.UTF_8);
        byte[] fileKey = Aead.newKey();
        byte[] wrapped = Aead.encrypt(volumeKey, fileKey, aad);
        byte[] sealed = Aead.encrypt(fileKey, content, aad);
        byte[] bytes = ByteBuffer.allocate(MAGIC.length + 2 + wrapped.length + sealed.length)
            .put(MAGIC).putShort((short) wrapped.length).put(wrapped).put(sealed).array();
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".volume", ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.EXTERNAL, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The content, or TAMPERED naming the file when any byte of it (or its place) changed. */
    public byte[] read(String relativePath) {
        Path file = resolve(relativePath);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.UNREADABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (bytes.length < MAGIC.length + 2 || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new TrustException(TrustErrorCode.TAMPERED, file + ": not an encrypted volume file (header changed or missing)");
        }
        buffer.position(MAGIC.length);
        int wrappedLength = Short.toUnsignedInt(buffer.getShort());
        if (wrappedLength > buffer.remaining()) {
            throw new TrustException(TrustErrorCode.TAMPERED, file + ": wrapped key length " + wrappedLength + " exceeds the file");
        }
        byte[] wrapped = new byte[wrappedLength];
        buffer.get(wrapped);
        byte[] sealed = new byte[buffer.remaining()];
        buffer.get(sealed);
        byte[] aad = relativePath.getBytes(StandardCharsets.UTF_8);
        byte[] fileKey = Aead.decrypt(volumeKey, wrapped, aad, file + " (file key)");
        return Aead.decrypt(fileKey, sealed, aad, file.toString());
    }

    private Path resolve(String relativePath) {
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root.normalize()) || relativePath.isBlank()) {
            throw new TrustException(TrustErrorCode.SECRET_REFUSED, "'" + relativePath + "' is not a path inside the volume " + root);
        }
        return file;
    }
}
