package io.aisprint.security.iot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Sensor readings, off-chain: one JSON-lines file per resource. An append is one write of whole
 * lines and an fsync before it is acknowledged; a torn last line (crash mid-write) is skipped
 * when reading, so a half-written reading is never served.
 */
public final class ReadingStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path directory;

    public ReadingStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IotException(IotException.Code.UNREADABLE, "cannot create the data folder " + directory + ": " + e.getMessage());
        }
    }

    public synchronized void append(String resource, List<JsonNode> readings) {
        StringBuilder lines = new StringBuilder();
        for (JsonNode reading : readings) {
            lines.append(reading.toString()).append('\n');
        }
        try (FileChannel channel = FileChannel.open(file(resource), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new IotException(IotException.Code.UNREADABLE, "cannot store readings of " + resource + ": " + e.getMessage());
        }
    }

    /** The last {@code limit} readings of the resource, oldest first. */
    public synchronized List<JsonNode> latest(String resource, int limit) {
        Path file = file(resource);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> readings = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    readings.add(JSON.readTree(line));
                } catch (IOException e) {
                    // a torn line from a crash mid-append: not a reading
                }
            }
        } catch (IOException e) {
            throw new IotException(IotException.Code.UNREADABLE, "cannot read readings of " + resource + ": " + e.getMessage());
        }
        return readings.subList(Math.max(0, readings.size() - limit), readings.size());
    }

    private Path file(String resource) {
        return directory.resolve(URLEncoder.encode(resource, StandardCharsets.UTF_8) + ".jsonl");
    }
}
