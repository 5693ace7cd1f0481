package io.aisprint.security.net.dataplane;

import io.aisprint.security.net.NetException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ip}, {@code nft} and {@code conntrack}; a failure becomes a NetException with the command and its error output. */
public final class Shell {
    private Shell() {
    }

    public static String run(List<String> command) {
        return run(command, null);
    }

    /** Runs the command with {@code input} on its stdin (for {@code nft -f -}) and returns its stdout. */
    public static String run(List<String> command, String input) {
        Process process;
        try {
            process = new ProcessBuilder(resolved(command)).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new NetException(NetException.Code.DATAPLANE_UNAVAILABLE, "cannot run " + command.get(0) + ": " + e.getMessage());
        }
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process ended early; its exit code and stderr below say why
        }
        try {
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new NetException(NetException.Code.DATAPLANE_FAILED, String.join(" ", shorten(command)) + " failed: "
                    + new String(err, StandardCharsets.UTF_8).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NetException(NetException.Code.DATAPLANE_FAILED, String.join(" ", shorten(command)) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetException(NetException.Code.DATAPLANE_FAILED, String.join(" ", shorten(command)) + " interrupted");
        }
    }

    /** Runs the command and reports only whether it worked (for probes and best-effort cleanup). */
    public static boolean tryRun(List<String> command) {
        try {
            run(command);
            return true;
        } catch (NetException e) {
            return false;
        }
    }

    /** The command with its program given by absolute path where it can be found. */
    public static List<String> resolved(List<String> command) {
        List<String> copy = new ArrayList<>(command);
        DataPlaneSupport.resolve(copy.get(0)).ifPresent(path -> copy.set(0, path));
        return copy;
    }

    public static List<String> inNamespace(String namespace, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return full;
    }

    private static List<String> shorten(List<String> command) {
        return command.size() > 12 ? command.subList(0, 12) : command;
    }
}
