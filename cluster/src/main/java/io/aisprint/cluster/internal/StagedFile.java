package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file input's content, carried to the worker and written to a local copy there. */
record StagedFile(String fileName, byte[] content) implements Serializable {

    static StagedFile read(Path path) {
        try {
            return new StagedFile(path.getFileName().toString(), Files.readAllBytes(path));
        } catch (IOException failed) {
            throw new ClusterException("cannot read file input " + path + " to stage it on the worker: " + failed.getMessage(), failed);
        }
    }

    Path writeInto(Path directory) throws IOException {
        Path target = directory.resolve(fileName);
        Files.write(target, content);
        return target;
    }
}
