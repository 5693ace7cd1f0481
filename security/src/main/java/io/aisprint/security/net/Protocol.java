package io.aisprint.security.net;

import java.util.Locale;

/** The L4 protocol a service speaks; {@code ANY} matches every protocol (ternary mask 0). */
public enum Protocol {
    TCP(6), UDP(17), ANY(0);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    /** The IP protocol number (0 for ANY, which is a wildcard, not a protocol). */
    public int number() {
        return number;
    }

    public static Protocol parse(String text) {
        for (Protocol protocol : values()) {
            if (protocol.name().equalsIgnoreCase(text.trim())) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a protocol; expected tcp, udp or any");
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
