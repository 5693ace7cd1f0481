package io.aisprint.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Variants of toscarizer's app_demo (from ../shared/anchors) made by editing one file of a copy. */
final class DemoApps {
    private DemoApps() {
    }

    static Path demo(Path temp) {
        return Anchors.copy(Anchors.require().resolve("aisprint-apps/toscarizer-app_demo"), temp.resolve("app_demo"));
    }

    /** Replaces the first occurrence of {@code from} in one file; fails when it is absent. */
    static Path edit(Path app, String file, String from, String to) {
        Path path = app.resolve(file);
        try {
            String text = Files.readString(path);
            int at = text.indexOf(from);
            if (at < 0) {
                throw new IllegalStateException("'" + from + "' not in " + path);
            }
            Files.writeString(path, text.substring(0, at) + to + text.substring(at + from.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return app;
    }

    static Path append(Path app, String file, String text) {
        try {
            Files.writeString(app.resolve(file), Files.readString(app.resolve(file)) + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return app;
    }

    /** app_demo with its private-cloud layer made of four existing machines the IM must set up. */
    static Path physicalToBeProvisioned(Path temp) {
        Path app = edit(demo(temp), "common_config/candidate_resources.yaml",
                "            type: Virtual", "            type: PhysicalToBeProvisioned");
        StringBuilder nodes = new StringBuilder("""
                   computationalLayer2:
                      number: 2
                      Resources:
                         resource1:
                            name: VM1
                            fe_node:
                               public_ip: 10.0.0.1
                               private_ip: 192.168.0.1
                               ssh_user: ubuntu
                               ssh_key: KEY0
                            wns:
                """);
        for (int i = 1; i <= 4; i++) {
            nodes.append("                            - private_ip: 192.168.0.").append(i + 1).append('\n')
                    .append("                              ssh_user: ubuntu\n")
                    .append("                              ssh_key: KEY").append(i).append('\n');
        }
        return append(app, "common_config/physical_nodes.yaml", nodes.toString());
    }
}
