package io.aisprint.security.net.pipeline;

/** Indexed packet/byte counters (the UP4 {@code ctr_idx} counters), one pair per index. */
public final class Counters {
    private final long[] packets;
    private final long[] bytes;

    public Counters(int size) {
        packets = new long[size];
        bytes = new long[size];
    }

    public synchronized void count(int index, long byteCount) {
        packets[index]++;
        bytes[index] += byteCount;
    }

    public synchronized long packets(int index) {
        return packets[index];
    }

    public synchronized long bytes(int index) {
        return bytes[index];
    }

    public int size() {
        return packets.length;
    }
}
