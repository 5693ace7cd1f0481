package io.aisprint.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** A small HTTP client for the tests: JSON in and out, a bearer token, zips of example folders. */
final class Client {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    Client(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    Client as(String otherToken) {
        return new Client(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherToken);
    }

    record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer delete(String path) {
        return send(request(path).DELETE());
    }

    /** A zip download: its entries by name, or fails showing the answer when it is not a 200 zip. */
    Map<String, String> getZip(String path) {
        try {
            HttpResponse<byte[]> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/zip")) {
                throw new AssertionError(path + " answered " + response.statusCode() + ": " + new String(response.body(),
                        StandardCharsets.UTF_8));
            }
            Map<String, String> entries = new TreeMap<>();
            try (var zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Answer postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls {@code path} until its {@code status} is none of the given ones, or fails after {@code seconds}. */
    JsonNode awaitStatusNot(String path, double seconds, String... waiting) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            JsonNode node = get(path).json();
            if (!java.util.List.of(waiting).contains(node.path("status").asText())) {
                return node;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " still " + node.path("status") + " after " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }

    /** The example application folder {@code name} as a zip with the folder at its root, as {@code zip -r} makes it. */
    static byte[] zipExample(String name) throws IOException {
        return zipFolder(examples().resolve(name));
    }

    /** A folder as a zip with the folder itself at its root. */
    static byte[] zipFolder(Path folder) throws IOException {
        String name = folder.getFileName().toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(name + "/" + folder.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Path examples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/mask-detection"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("examples/mask-detection not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("examples");
    }
}
