package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker's extra application jars ({@code aisprint worker --classpath}): the classes of a
 * user's own components, read from files the operator put there — never from other members
 * (peer class loading stays off). Each jar's SHA-256 is reported so it can be checked against
 * the driver's copy.
 */
public final class ApplicationClassPath {
    private ApplicationClassPath() {
    }

    /** Adds {@code jars} to the classes bodies may use in this process; returns each jar's SHA-256. */
    public static Map<Path, String> install(List<Path> jars) {
        Map<Path, String> digests = new LinkedHashMap<>();
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < jars.size(); i++) {
            Path jar = jars.get(i).toAbsolutePath();
            if (!Files.isReadable(jar)) {
                throw new ClusterException("class path entry " + jar + " is not a readable file or directory");
            }
            try {
                urls[i] = jar.toUri().toURL();
            } catch (MalformedURLException impossible) {
                throw new ClusterException("class path entry " + jar + " cannot be used: " + impossible.getMessage());
            }
            digests.put(jar, Files.isDirectory(jar) ? "directory" : sha256(jar));
        }
        if (urls.length > 0) {
            Payloads.useApplicationClasses(new URLClassLoader("aisprint-application", urls,
                    ApplicationClassPath.class.getClassLoader()));
        }
        return digests;
    }

    /** The SHA-256 of a file, hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException failed) {
            throw new ClusterException("cannot read " + file + ": " + failed.getMessage());
        }
    }
}
