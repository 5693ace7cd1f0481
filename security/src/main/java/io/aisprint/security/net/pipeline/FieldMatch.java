package io.aisprint.security.net.pipeline;

/** The match of one key field in one table entry. Values are unsigned and fit the field's width. */
public sealed interface FieldMatch {
    boolean matches(long value);

    MatchKind kind();

    record Exact(long value) implements FieldMatch {
        public boolean matches(long candidate) {
            return candidate == value;
        }

        public MatchKind kind() {
            return MatchKind.EXACT;
        }
    }

    /** The top {@code prefixLength} bits of a {@code bits}-wide field equal those of {@code value}. */
    record Lpm(long value, int prefixLength, int bits) implements FieldMatch {
        public Lpm {
            if (prefixLength < 0 || prefixLength > bits) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0.." + bits);
            }
            value = value & mask(prefixLength, bits);
        }

        public static long mask(int prefixLength, int bits) {
            return prefixLength == 0 ? 0 : (((1L << bits) - 1) >>> (bits - prefixLength)) << (bits - prefixLength);
        }

        public boolean matches(long candidate) {
            return (candidate & mask(prefixLength, bits)) == value;
        }

        public MatchKind kind() {
            return MatchKind.LPM;
        }
    }

    /** {@code low <= value <= high}, both ends included. */
    record Range(long low, long high) implements FieldMatch {
        public Range {
            if (low > high) {
                throw new IllegalArgumentException("range " + low + ".." + high + " is empty");
            }
        }

        public boolean matches(long candidate) {
            return candidate >= low && candidate <= high;
        }

        public MatchKind kind() {
            return MatchKind.RANGE;
        }
    }

    /** The bits set in {@code mask} equal those of {@code value}; mask 0 is a wildcard. */
    record Ternary(long value, long mask) implements FieldMatch {
        public Ternary {
            value = value & mask;
        }

        public boolean matches(long candidate) {
            return (candidate & mask) == value;
        }

        public MatchKind kind() {
            return MatchKind.TERNARY;
        }
    }
}
