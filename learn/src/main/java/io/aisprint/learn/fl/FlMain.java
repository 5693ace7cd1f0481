package io.aisprint.learn.fl;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the server and client processes the launcher starts:
 * {@code FlMain server --key value ...} or {@code FlMain client --key value ...}. Exit codes:
 * 0 done, 1 the run failed or an input is invalid, 2 bad arguments or unreadable data.
 */
public final class FlMain {
    private FlMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !(args[0].equals("server") || args[0].equals("client"))) {
            System.err.println("usage: FlMain server|client --key value ...");
            System.exit(2);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            if (args[0].equals("server")) {
                ServerSettings settings = ServerSettings.fromArguments(rest);
                try (FederatedServer server = FederatedServer.start(settings, System.out)) {
                    RunResult result = server.run();
                    if (settings.result() != null) {
                        RunReport.save(result, settings.result());
                    }
                }
            } else {
                new FederatedClient(ClientSettings.fromArguments(rest), System.out).run();
            }
            System.out.flush();
            System.exit(0);
        } catch (LearnException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(e.code() == LearnErrorCode.DATA_UNREADABLE || e.code() == LearnErrorCode.INVALID_OPTION ? 2 : 1);
        }
    }
}
