package io.aisprint.server.internal;

import io.aisprint.model.ModelException;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.SystemSummary;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.server.ErrorCode;
import io.aisprint.server.ServerException;
import io.aisprint.server.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Uploaded applications: each is unpacked under {@code DATA/applications/ID/} (via a temporary
 * folder, moved into place before the database row is written, so an acknowledged upload is
 * complete on disk) and read with the model's readers.
 */
public final class ApplicationService {
    private final StateStore store;
    private final Path root;
    private final Path temporary;
    private final long maxBytes;
    private final Clock clock;
    private final Map<String, SystemDescription> systems = new ConcurrentHashMap<>();

    public ApplicationService(StateStore store, Path dataDirectory, long maxBytes, Clock clock) {
        this.store = store;
        this.root = dataDirectory.resolve("applications");
        this.temporary = dataDirectory.resolve("tmp");
        this.maxBytes = maxBytes;
        this.clock = clock;
        try {
            Files.createDirectories(root);
            Files.createDirectories(temporary);
        } catch (IOException e) {
            throw new ServerException(ErrorCode.STORAGE, "cannot create " + root + ": " + e.getMessage(), root.toString(), null, e);
        }
        cleanUp();
    }

    /** Removes what a crash may have left: half-received uploads and folders without a database row. */
    private void cleanUp() {
        deleteChildren(temporary, name -> true);
        java.util.Set<String> known = new java.util.HashSet<>();
        store.applications().forEach(row -> known.add(row.id()));
        deleteChildren(root, name -> !known.contains(name));
    }

    private static void deleteChildren(Path folder, java.util.function.Predicate<String> which) {
        try (Stream<Path> children = Files.list(folder)) {
            children.filter(child -> which.test(child.getFileName().toString())).forEach(ApplicationService::deleteTree);
        } catch (IOException e) {
            // leftovers are harmless; the next start tries again
        }
    }

    /** Stores the body (a zip, tar, tar.gz or a system JSON) as a new application. */
    public StateStore.ApplicationRow upload(InputStream body, String contentType) {
        String id = Ids.next("app");
        Path received = temporary.resolve(id + ".upload");
        Path unpacked = temporary.resolve(id);
        try {
            receive(body, received);
            ArchiveExtractor.Format format = format(received, contentType);
            Files.createDirectories(unpacked);
            if (format == ArchiveExtractor.Format.JSON) {
                Files.move(received, unpacked.resolve("system.json"));
            } else {
                new ArchiveExtractor(maxBytes).extract(received, format, unpacked);
            }
            Path entry = findEntry(unpacked);
            Path relative = unpacked.relativize(entry);
            String name;
            boolean valid;
            try {
                SystemDescription system = SystemReaders.read(entry);
                name = system.application().name();
                valid = true;
            } catch (ModelException e) {
                name = entry.getFileName() == null || relative.toString().isEmpty() ? "application" : entry.getFileName().toString();
                valid = false;
            }
            Path destination = root.resolve(id);
            Files.move(unpacked, destination, StandardCopyOption.ATOMIC_MOVE);
            StateStore.ApplicationRow row = new StateStore.ApplicationRow(id, name, format.name().toLowerCase(java.util.Locale.ROOT),
                    relative.toString().replace('\\', '/'), valid, clock.millis());
            try {
                store.insertApplication(row);
            } catch (RuntimeException e) {
                deleteTree(destination);
                throw e;
            }
            return row;
        } catch (IOException e) {
            throw new ServerException(ErrorCode.STORAGE, "cannot store the upload: " + e.getMessage(), "body", null, e);
        } finally {
            deleteTree(received);
            deleteTree(unpacked);
        }
    }

    private void receive(InputStream body, Path target) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int read;
            while ((read = body.read(buffer)) > 0) {
                total += read;
                if (total > maxBytes) {
                    throw Limits.tooLarge(maxBytes);
                }
                out.write(buffer, 0, read);
            }
        }
        if (total == 0) {
            throw new ServerException(ErrorCode.BAD_ARCHIVE, "the request body is empty", "body",
                    "Maybe send the application as --data-binary @app.zip with Content-Type: application/zip.");
        }
    }

    private static ArchiveExtractor.Format format(Path received, String contentType) throws IOException {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        List<String> accepted = List.of("application/zip", "application/x-zip-compressed", "application/x-tar", "application/gzip",
                "application/x-gzip", "application/json", "application/octet-stream");
        if (!type.isEmpty() && !accepted.contains(type)) {
            throw new ServerException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "cannot take an upload of type " + type, "Content-Type",
                    "Maybe one of " + String.join(", ", accepted) + ".");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(received)) {
            head = in.readNBytes(512);
        }
        ArchiveExtractor.Format format = ArchiveExtractor.sniff(head);
        if (format == null) {
            throw new ServerException(ErrorCode.BAD_ARCHIVE, "the body is neither a zip, a tar, a tar.gz nor a JSON object", "body",
                    "Maybe zip the application folder (zip -r app.zip mask-detection) and send it with --data-binary.");
        }
        return format;
    }

    /** The application inside an unpacked upload: the shallowest folder with common_config/, else the shallowest JSON file. */
    private static Path findEntry(Path unpacked) throws IOException {
        try (Stream<Path> all = Files.walk(unpacked, 6)) {
            List<Path> candidates = all.filter(path -> Files.isDirectory(path.resolve("common_config"))
                    || Files.isRegularFile(path) && path.toString().endsWith(".json")).toList();
            Optional<Path> directory = candidates.stream().filter(Files::isDirectory).min(Comparator.comparingInt(Path::getNameCount));
            if (directory.isPresent()) {
                return directory.get();
            }
            return candidates.stream().min(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString))
                    .orElseThrow(() -> new ServerException(ErrorCode.NOT_AN_APPLICATION,
                            "the upload holds no application: no folder with common_config/ and no system JSON", "body",
                            "Maybe zip the application folder itself (the one that holds common_config/)."));
        }
    }

    public List<StateStore.ApplicationRow> list() {
        return store.applications();
    }

    public StateStore.ApplicationRow get(String id) {
        return (Ids.valid(id) ? store.application(id) : Optional.<StateStore.ApplicationRow>empty())
                .orElseThrow(() -> new ServerException(ErrorCode.NOT_FOUND, "no application " + id, "path: id",
                        "Maybe list them with GET /api/v1/applications."));
    }

    public Path entry(StateStore.ApplicationRow row) {
        return root.resolve(row.id()).resolve(row.entry()).normalize();
    }

    /** The application's model; an invalid one is a 422 listing its problems. */
    public SystemDescription system(String id) {
        StateStore.ApplicationRow row = get(id);
        return systems.computeIfAbsent(id, key -> {
            try {
                return SystemReaders.read(entry(row));
            } catch (ModelException e) {
                throw new ServerException(ErrorCode.INVALID_APPLICATION, "application " + id + " is invalid ("
                        + e.problems().size() + " problem(s))", "application " + id,
                        "Maybe see GET /api/v1/applications/" + id + "/validation, fix it and upload it again.",
                        e.problems().stream().map(p -> new ServerException.Problem(relative(row, p.file()) + " " + p.location(),
                                p.message())).toList());
            }
        });
    }

    /** The validator's full report, {@code {"valid", "summary", "problems"}}, with file names inside the upload. */
    public Map<String, Object> validation(String id) {
        StateStore.ApplicationRow row = get(id);
        try {
            SystemDescription system = SystemReaders.read(entry(row));
            return ValidationReport.of(true, SystemSummary.of(system), List.of(), file -> relative(row, file));
        } catch (ModelException e) {
            return ValidationReport.of(false, null, e.problems(), file -> relative(row, file));
        }
    }

    private String relative(StateStore.ApplicationRow row, String file) {
        if (file == null) {
            return "";
        }
        Path folder = root.resolve(row.id());
        Path path = Path.of(file).toAbsolutePath().normalize();
        return path.startsWith(folder) ? folder.relativize(path).toString() : Path.of(file).getFileName().toString();
    }

    public void delete(String id) {
        get(id);
        store.deleteApplication(id);
        systems.remove(id);
        deleteTree(root.resolve(id));
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a leftover is removed at the next start
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
