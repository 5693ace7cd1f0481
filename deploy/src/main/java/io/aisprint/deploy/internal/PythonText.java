package io.aisprint.deploy.internal;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The few Python formatting rules the AI-SPRINT tools' outputs depend on: {@code str(x)} of YAML
 * scalars ({@code "%s"}) and {@code "%g"} of a number.
 */
public final class PythonText {
    private PythonText() {
    }

    /** Python {@code str(value)} for YAML scalars: {@code True}, {@code None}, {@code 0.9}, {@code 2}, {@code 1e-05}. */
    public static String str(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float) {
            return floatRepr(((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }

    /** Python {@code "%g" % value}: six significant digits, no trailing zeros, exponent outside 1e-4..1e6. */
    public static String g(Object value) {
        if (!(value instanceof Number number)) {
            return String.valueOf(value);
        }
        double x = number.doubleValue();
        if (x == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(6));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    private static String floatRepr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        double magnitude = Math.abs(x);
        if (magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
            BigDecimal exact = new BigDecimal(Double.toString(x)).stripTrailingZeros();
            int exponent = exact.precision() - exact.scale() - 1;
            String mantissa = exact.movePointLeft(exponent).toPlainString();
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        if (magnitude == 0) {
            return Double.toString(x);
        }
        String plain = new BigDecimal(Double.toString(x)).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
