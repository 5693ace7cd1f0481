package io.aisprint.learn.fl;

import io.aisprint.learn.Requirements;
import java.util.ArrayList;
import java.util.List;

/** Small, fast federations for the process tests: few examples, small test set. */
final class Federations {
    private Federations() {
    }

    /** Settings from defaults plus {@code --key value} overrides. */
    static ServerSettings settings(String... overrides) {
        Requirements.fashionMnist();
        Requirements.assumePyTorch();
        List<String> arguments = new ArrayList<>(List.of("--rounds", "3", "--partitions", "3", "--examples-per-client", "600",
            "--test-examples", "1000", "--round-deadline", "60"));
        arguments.addAll(List.of(overrides));
        return ServerSettings.fromArguments(arguments);
    }
}
