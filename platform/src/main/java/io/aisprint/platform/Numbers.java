package io.aisprint.platform;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as people read them in the live view and the report: three significant digits, no exponent. */
public final class Numbers {
    private static final MathContext THREE_DIGITS = new MathContext(3);

    private Numbers() {
    }

    /** 0.5184208300909091 → "0.518", 1234.5 → "1230", 5.0 → "5"; NaN → "-". */
    public static String significant(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(THREE_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** A time span in seconds: "5 s", "0.25 s". */
    public static String seconds(double value) {
        return significant(value) + " s";
    }
}
