package io.aisprint.security.net.dataplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Says why the namespace data plane cannot run here (not root, a tool missing), or nothing when it can. */
public final class DataPlaneSupport {
    private DataPlaneSupport() {
    }

    public static Optional<String> missing() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the data plane needs root (network namespaces, nftables); running as " + System.getProperty("user.name"));
        }
        for (String tool : List.of("ip", "nft", "python3")) {
            if (!onPath(tool)) {
                return Optional.of("'" + tool + "' is not on PATH; maybe apt-get install " + (tool.equals("ip") ? "iproute2" : tool.equals("nft") ? "nftables" : "python3"));
            }
        }
        return Optional.empty();
    }

    public static boolean onPath(String tool) {
        return resolve(tool).isPresent();
    }

    /** The tool's absolute path: PATH first, then /usr/sbin and /sbin, where ip, nft and conntrack live but a non-login PATH may not look. */
    public static Optional<String> resolve(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String directory : path.split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return Optional.of(Path.of(directory, tool).toString());
            }
        }
        return Optional.empty();
    }
}
