package io.aisprint.cluster.internal;

import java.util.Map;

/**
 * What a remote attempt gives back: its value and the content of its output files, by input index.
 */
public record RemoteResult(Object value, Map<Integer, byte[]> files) {
    public RemoteResult {
        files = files == null ? Map.of() : files;
    }
}
