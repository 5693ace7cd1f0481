package io.aisprint.security.secrets;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The trust service's state at rest: every blob AES-GCM encrypted under a master key only the
 * service holds: a 0600 file in the state folder, or sealed to a TPM ({@link TpmKeySealer}).
 * Writes are atomic (temp file + move).
 */
public final class SecretVault {
    private final Path directory;
    private final byte[] masterKey;

    public SecretVault(Path directory) {
        this(directory, KeySealer.file());
    }

    /** The master key is kept as {@code master.key} (file sealer) or {@code master.key.<sealer>} sealed by {@code sealer}. */
    public SecretVault(Path directory, KeySealer sealer) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            Path keyFile = directory.resolve(sealer.name().equals("file") ? "master.key" : "master.key." + sealer.name());
            if (!Files.exists(keyFile)) {
                writeAtomically(keyFile, sealer.seal(Aead.newKey()));
            }
            this.masterKey = sealer.unseal(Files.readAllBytes(keyFile));
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.UNREADABLE, "cannot open the vault in " + directory + ": " + e.getMessage(), e);
        }
        if (masterKey.length != 32) {
            throw new TrustException(TrustErrorCode.TAMPERED, directory.resolve("master.key") + " is " + masterKey.length + " bytes; expected 32");
        }
    }

    public void put(String name, byte[] plaintext) {
        try {
            writeAtomically(file(name), Aead.encrypt(masterKey, plaintext, name.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.EXTERNAL, "cannot write " + file(name) + ": " + e.getMessage(), e);
        }
    }

    public Optional<byte[]> get(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Aead.decrypt(masterKey, Files.readAllBytes(file), name.getBytes(StandardCharsets.UTF_8), file.toString()));
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.UNREADABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file(String name) {
        return directory.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".sealed");
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), ".vault", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.write(temp, bytes);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
