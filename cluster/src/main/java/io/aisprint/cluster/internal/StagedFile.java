package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file parameter of a remote body: the content of an input (IN, INOUT) carried to the worker
 * and written to a local copy there; an output (OUT, INOUT) is read back after the body and
 * written to the driver's file.
 *
 * @param content null for an OUT file (the body creates it)
 */
record StagedFile(String fileName, byte[] content, boolean output) implements Serializable {

    static StagedFile of(Path path, boolean input, boolean output) {
        try {
            return new StagedFile(path.getFileName().toString(), input ? Files.readAllBytes(path) : null, output);
        } catch (IOException failed) {
            throw new ClusterException("cannot read file input " + path + " to stage it on the worker: " + failed.getMessage(), failed);
        }
    }

    Path writeInto(Path directory) throws IOException {
        Path target = directory.resolve(fileName);
        if (content != null) {
            Files.write(target, content);
        }
        return target;
    }

    /** Writes what came back for an output file, atomically: a reader never sees half a file. */
    static void writeBack(Path physical, byte[] content) {
        try {
            Path parent = physical.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".aisprint-", ".part");
            try {
                Files.write(temporary, content);
                Files.move(temporary, physical, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException failed) {
            throw new ClusterException("cannot write output file " + physical + " that the worker produced: " + failed.getMessage(),
                    failed);
        }
    }
}
