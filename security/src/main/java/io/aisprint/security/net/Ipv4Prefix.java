package io.aisprint.security.net;

/** An IPv4 prefix {@code a.b.c.d/len}; a plain address is a /32. The address is kept as an unsigned 32-bit value. */
public record Ipv4Prefix(long address, int length) {
    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 0..32");
        }
        if (address < 0 || address > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("address " + address + " is not a 32-bit value");
        }
        address = address & mask(length);
    }

    /** Parses {@code 10.0.0.1} or {@code 10.0.0.0/24}; throws IllegalArgumentException naming what is wrong. */
    public static Ipv4Prefix parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address or prefix (like 10.45.0.2 or 10.45.0.0/24)");
        }
        long address = parseAddress(parts[0], text);
        int length = 32;
        if (parts.length == 2) {
            try {
                length = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0 || length > 32) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0..32");
            }
            if ((address & ~mask(length) & 0xFFFF_FFFFL) != 0) {
                throw new IllegalArgumentException("'" + text + "' has host bits set; maybe " + format(address & mask(length)) + "/" + length);
            }
        }
        return new Ipv4Prefix(address, length);
    }

    public static long parseAddress(String text, String whole) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("'" + whole + "' is not an IPv4 address or prefix (like 10.45.0.2 or 10.45.0.0/24)");
        }
        long value = 0;
        for (String octet : octets) {
            int number;
            try {
                number = octet.isEmpty() || octet.length() > 3 ? -1 : Integer.parseInt(octet);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 0 || number > 255) {
                throw new IllegalArgumentException("'" + whole + "' is not an IPv4 address or prefix (like 10.45.0.2 or 10.45.0.0/24)");
            }
            value = (value << 8) | number;
        }
        return value;
    }

    public static long mask(int length) {
        return length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
    }

    public static String format(long address) {
        return ((address >>> 24) & 255) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "." + (address & 255);
    }

    public boolean contains(long candidate) {
        return (candidate & mask(length)) == address;
    }

    /** The first usable host: the address itself for a /32, else the address after the network address. */
    public long firstHost() {
        return length >= 31 ? address : address + 1;
    }

    @Override
    public String toString() {
        return length == 32 ? format(address) : format(address) + "/" + length;
    }
}
