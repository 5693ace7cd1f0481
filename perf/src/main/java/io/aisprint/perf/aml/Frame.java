package io.aisprint.perf.aml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of named columns, numeric ({@code double[]}) or text ({@code String[]}), in file order.
 * A column is numeric when every cell parses as a number (empty cells read as NaN), as pandas
 * infers it; anything else is a string column, which one-hot encoding turns into classes.
 */
public final class Frame {
    private final Map<String, Object> columns;
    private final int rows;

    Frame(Map<String, Object> columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    public static Frame readCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new AmlException("cannot read data file " + file + ": " + e.getMessage());
        }
        lines.removeIf(String::isBlank);
        if (lines.isEmpty()) {
            throw new AmlException(file + ": the data file is empty; expected a header line and rows");
        }
        String[] header = splitCsv(lines.get(0));
        int n = lines.size() - 1;
        String[][] cells = new String[header.length][n];
        for (int r = 0; r < n; r++) {
            String[] parts = splitCsv(lines.get(r + 1));
            if (parts.length != header.length) {
                throw new AmlException(file + " row " + (r + 1) + ": " + parts.length + " fields; expected "
                        + header.length + " as in the header");
            }
            for (int c = 0; c < header.length; c++) {
                cells[c][r] = parts[c].strip();
            }
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
            String name = header[c].strip();
            if (name.isEmpty() && c == 0) {
                name = "Unnamed: 0";
            }
            columns.put(name, typed(cells[c]));
        }
        return new Frame(columns, n);
    }

    private static Object typed(String[] cells) {
        double[] values = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String s = cells[i];
            if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
                values[i] = Double.NaN;
                continue;
            }
            try {
                values[i] = switch (s) {
                    case "inf", "Infinity", "+inf" -> Double.POSITIVE_INFINITY;
                    case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(s);
                };
            } catch (NumberFormatException e) {
                return cells;
            }
        }
        return values;
    }

    static String[] splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }

    public int rows() {
        return rows;
    }

    public List<String> names() {
        return new ArrayList<>(columns.keySet());
    }

    public boolean has(String name) {
        return columns.containsKey(name);
    }

    public boolean isNumeric(String name) {
        return columns.get(name) instanceof double[];
    }

    public double[] numeric(String name) {
        return (double[]) columns.get(name);
    }

    public String[] text(String name) {
        Object c = columns.get(name);
        if (c instanceof String[] s) {
            return s;
        }
        return readAsText((double[]) c);
    }

    Map<String, Object> columns() {
        return columns;
    }

    /** Rows kept by {@code keep}, in order. */
    Frame select(boolean[] keep) {
        int count = 0;
        for (boolean k : keep) {
            count += k ? 1 : 0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : columns.entrySet()) {
            if (e.getValue() instanceof double[] d) {
                double[] v = new double[count];
                for (int i = 0, j = 0; i < d.length; i++) {
                    if (keep[i]) {
                        v[j++] = d[i];
                    }
                }
                out.put(e.getKey(), v);
            } else {
                String[] s = (String[]) e.getValue();
                String[] v = new String[count];
                for (int i = 0, j = 0; i < s.length; i++) {
                    if (keep[i]) {
                        v[j++] = s[i];
                    }
                }
                out.put(e.getKey(), v);
            }
        }
        return new Frame(out, count);
    }

    static String[] readAsText(double[] d) {
        String[] out = new String[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = formatNumber(d[i]);
        }
        return out;
    }

    static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
