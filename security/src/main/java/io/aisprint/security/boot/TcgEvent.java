package io.aisprint.security.boot;

import java.util.Map;

/**
 * One record of an event log: its place (sequence number and byte offset), the PCR it extends,
 * its type, the logged digest per bank and the event data. The digests are what the firmware
 * extended; they are not recomputed from the data (a log may carry a digest that does not
 * match its payload, and replay must still use the logged one).
 */
public record TcgEvent(int sequence, long offset, int pcrIndex, long eventType, Map<HashAlgorithm, byte[]> digests, byte[] data) {
    public TcgEvent {
        digests = Map.copyOf(digests);
    }

    public boolean isNoAction() {
        return eventType == EventTypes.EV_NO_ACTION;
    }

    public String typeName() {
        return EventTypes.name(eventType);
    }
}
