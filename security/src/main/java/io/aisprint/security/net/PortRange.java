package io.aisprint.security.net;

/** An inclusive L4 port range; a single port is {@code low == high}. */
public record PortRange(int low, int high) {
    public PortRange {
        if (low < 0 || high > 65535 || low > high) {
            throw new IllegalArgumentException("port range " + low + "-" + high + " is not inside 0..65535 with low <= high");
        }
    }

    /** Parses {@code 8080} or {@code 8000-8010}. */
    public static PortRange parse(String text) {
        String[] parts = text.trim().split("-", -1);
        try {
            if (parts.length == 1) {
                int port = Integer.parseInt(parts[0].trim());
                return new PortRange(port, port);
            }
            if (parts.length == 2) {
                return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a port (1..65535) or inclusive range like 8000-8010");
    }

    @Override
    public String toString() {
        return low == high ? Integer.toString(low) : low + "-" + high;
    }
}
