package io.aisprint.security.attest;

import io.aisprint.security.TrustErrorCode;
import io.aisprint.security.TrustException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The software measurement of a JVM workload: SHA-256 over every class-path entry's bytes (a
 * folder: its files in sorted order, each with its relative name), the command and the
 * environment (sorted). A changed jar, argument or variable gives another measurement. This
 * is the JVM's stand-in for MRENCLAVE; it is only as trustworthy as whoever computes it, which
 * is why a policy can demand that it be extended into a TPM PCR and quoted.
 */
public final class SoftwareMeasurement {
    private SoftwareMeasurement() {
    }

    public static String measure(List<Path> classPath, List<String> command, Map<String, String> environment) {
        MessageDigest digest = sha256();
        digest.update("aisprint-measurement-v1\0".getBytes(StandardCharsets.US_ASCII));
        for (Path entry : classPath) {
            digest.update(("entry\0" + entry.getFileName() + "\0").getBytes(StandardCharsets.UTF_8));
            digest.update(entryDigest(entry));
        }
        for (String argument : command) {
            digest.update(("arg\0" + argument + "\0").getBytes(StandardCharsets.UTF_8));
        }
        new TreeMap<>(environment).forEach((name, value) -> digest.update(("env\0" + name + "=" + value + "\0").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The measurement of the running JVM's class path (java.class.path). */
    public static String ofThisJvm(List<String> command, Map<String, String> environment) {
        List<Path> entries = Stream.of(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator))
            .filter(s -> !s.isBlank()).map(Path::of).toList();
        return measure(entries, command, environment);
    }

    private static byte[] entryDigest(Path entry) {
        MessageDigest digest = sha256();
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        digest.update((entry.relativize(file).toString().replace('\\', '/') + "\0").getBytes(StandardCharsets.UTF_8));
                        digest.update(sha256().digest(Files.readAllBytes(file)));
                    }
                }
            } else if (Files.isRegularFile(entry)) {
                digest.update(Files.readAllBytes(entry));
            } else {
                digest.update("missing".getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new TrustException(TrustErrorCode.UNREADABLE, "cannot measure " + entry + ": " + e.getMessage(), e);
        }
        return digest.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
