package io.aisprint.monitor;

/** A field value with the line-protocol type it was written with. */
public sealed interface FieldValue {

    /** The value as a number for aggregates; strings have none, booleans count as 1 or 0. */
    double asDouble();

    record FloatValue(double value) implements FieldValue {
        @Override
        public double asDouble() {
            return value;
        }
    }

    record IntegerValue(long value) implements FieldValue {
        @Override
        public double asDouble() {
            return value;
        }
    }

    /** Unsigned 64-bit integer; {@code value} holds the bits, read with the unsigned helpers. */
    record UnsignedValue(long value) implements FieldValue {
        @Override
        public double asDouble() {
            double high = (double) (value >>> 1) * 2.0;
            return high + (value & 1L);
        }

        @Override
        public String toString() {
            return "UnsignedValue[" + Long.toUnsignedString(value) + "]";
        }
    }

    record StringValue(String value) implements FieldValue {
        @Override
        public double asDouble() {
            return Double.NaN;
        }
    }

    record BooleanValue(boolean value) implements FieldValue {
        @Override
        public double asDouble() {
            return value ? 1.0 : 0.0;
        }
    }

    static FieldValue of(double value) {
        return new FloatValue(value);
    }
}
