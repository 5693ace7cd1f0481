package io.aisprint.security.net.dataplane;

import io.aisprint.security.net.NetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The agent process inside one namespace (netns-agent.py): a JVM cannot enter a network
 * namespace, so listening, connecting and receiving punted packets happen there, driven by one
 * command line per request. Replies are matched to requests by id; punted packets go to a listener.
 */
public final class NetnsAgent implements AutoCloseable {
    private final String namespace;
    private final Process process;
    private final Writer commands;
    private final Map<Long, CompletableFuture<List<String>>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile Consumer<String[]> puntListener = words -> { };

    public NetnsAgent(String namespace, Path script) {
        this.namespace = namespace;
        try {
            String python = DataPlaneSupport.resolve("python3").orElse("python3");
            process = new ProcessBuilder(Shell.resolved(java.util.List.of("ip", "netns", "exec", namespace, python, "-u", script.toString())))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new NetException(NetException.Code.DATAPLANE_UNAVAILABLE, "cannot start the agent in " + namespace + ": " + e.getMessage());
        }
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "netns-agent-" + namespace);
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(20, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            close();
            throw new NetException(NetException.Code.DATAPLANE_FAILED, "the agent in " + namespace + " did not start (python3 inside the namespace)");
        }
    }

    /** Writes the bundled agent script to a temporary file (removed on exit). */
    public static Path extractScript() {
        try (InputStream in = NetnsAgent.class.getResourceAsStream("netns-agent.py")) {
            Path file = Files.createTempFile("aisprint-netns-agent", ".py");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException | NullPointerException e) {
            throw new NetException(NetException.Code.DATAPLANE_UNAVAILABLE, "cannot write the namespace agent script: " + e.getMessage());
        }
    }

    public void onPunt(Consumer<String[]> listener) {
        this.puntListener = listener;
    }

    /** Sends one command and waits for its reply words (after the id); "fail ..." replies are returned, not thrown. */
    public List<String> call(long timeoutMillis, String... words) {
        long id = ids.incrementAndGet();
        CompletableFuture<List<String>> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            synchronized (commands) {
                commands.write(id + " " + String.join(" ", words) + "\n");
                commands.flush();
            }
            return reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new NetException(NetException.Code.DATAPLANE_FAILED, "the agent in " + namespace + " did not answer '" + String.join(" ", words) + "'");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetException(NetException.Code.DATAPLANE_FAILED, "interrupted while waiting for the agent in " + namespace);
        } finally {
            pending.remove(id);
        }
    }

    /** Like {@link #call} but a "fail" reply is an error. */
    public List<String> require(long timeoutMillis, String... words) {
        List<String> reply = call(timeoutMillis, words);
        if (!reply.get(0).equals("ok")) {
            throw new NetException(NetException.Code.DATAPLANE_FAILED, "the agent in " + namespace + " could not '" + String.join(" ", words) + "': " + reply);
        }
        return reply;
    }

    private void readReplies() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String[] words = line.trim().split(" ");
                if (words[0].equals("ready")) {
                    ready.complete(null);
                } else if (words[0].equals("punt")) {
                    puntListener.accept(words);
                } else {
                    CompletableFuture<List<String>> reply = pending.get(Long.parseLong(words[0]));
                    if (reply != null) {
                        reply.complete(List.of(words).subList(1, words.length));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the agent ended; pending calls time out with a clear message
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
