package io.aisprint.learn.fl;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import io.aisprint.learn.data.FashionMnist;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A client process's settings: where the server is, its name, the data folder, and fault
 * injection for demonstrations and tests of the server's defences: {@code straggle} seconds of
 * delay before each upload, {@code dropAtRound} (the process exits when that round's task
 * arrives, as a crashed device would), {@code poison} ({@code scale:F} multiplies the change by
 * F, {@code nan}, {@code shape}, {@code oversize}), {@code unsigned} and {@code replay} (send
 * the previous update again after each new one), and under secure aggregation
 * {@code dropAfterSharing} (from that round on the process exits right after posting its Shamir
 * shares, before its masked input: the case the protocol's unmasking is for).
 */
public record ClientSettings(URI server, String name, int index, Path data, double straggle, int dropAtRound, String poison, boolean unsigned,
                             boolean replay, double giveUpSeconds, int dropAfterSharing) {

    static final Set<String> KEYS = Set.of("server", "name", "index", "data", "straggle", "drop-at-round", "poison", "unsigned", "replay",
        "give-up", "drop-after-sharing");

    /** A client without the secure-aggregation dropout. */
    public ClientSettings(URI server, String name, int index, Path data, double straggle, int dropAtRound, String poison, boolean unsigned,
                          boolean replay, double giveUpSeconds) {
        this(server, name, index, data, straggle, dropAtRound, poison, unsigned, replay, giveUpSeconds, 0);
    }

    public ClientSettings {
        if (server == null || !"http".equals(server.getScheme())) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--server '" + server + "' is not an http:// address of an FL server.");
        }
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--name '" + name + "' must be letters, digits, '.', '_' or '-'.");
        }
        if (!poison.isEmpty() && !poison.matches("scale:-?[0-9.eE+-]+|nan|shape|oversize")) {
            throw new LearnException(LearnErrorCode.INVALID_OPTION, "--poison '" + poison + "': expected scale:F, nan, shape or oversize.");
        }
    }

    public static ClientSettings of(URI server, String name) {
        return new ClientSettings(server, name, -1, FashionMnist.DEBIAN_DIRECTORY, 0, 0, "", false, false, 60);
    }

    public List<String> toArguments() {
        return new ProcessArguments().put("server", server).put("name", name).put("index", index).put("data", data).put("straggle", straggle)
            .put("drop-at-round", dropAtRound).put("poison", poison.isEmpty() ? null : poison).put("unsigned", unsigned).put("replay", replay)
            .put("give-up", giveUpSeconds).put("drop-after-sharing", dropAfterSharing == 0 ? null : dropAfterSharing).toList();
    }

    public static ClientSettings fromArguments(List<String> arguments) {
        ProcessArguments a = ProcessArguments.parse(arguments, KEYS);
        return new ClientSettings(URI.create(a.text("server", "")), a.text("name", null), a.integer("index", -1),
            Path.of(a.text("data", FashionMnist.DEBIAN_DIRECTORY.toString())), a.number("straggle", 0), a.integer("drop-at-round", 0),
            a.text("poison", ""), Boolean.parseBoolean(a.text("unsigned", "false")), Boolean.parseBoolean(a.text("replay", "false")),
            a.number("give-up", 60), a.integer("drop-after-sharing", 0));
    }
}
