package io.aisprint.security.net.pipeline;

/** One key field of a table: its P4 name (like {@code app_ip_addr}), match kind and width in bits. */
public record KeyField(String name, MatchKind kind, int bits) {
    public KeyField {
        if (bits < 1 || bits > 32) {
            throw new IllegalArgumentException("field " + name + " has " + bits + " bits; expected 1..32");
        }
    }

    public long maxValue() {
        return (1L << bits) - 1;
    }
}
