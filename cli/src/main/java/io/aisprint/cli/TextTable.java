package io.aisprint.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table whose columns are as wide as their widest cell, so long component or
 * resource names never push a row out of line. Numeric columns are right-aligned.
 */
final class TextTable {
    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();

    /** Headers ending in '>' are right-aligned (the '>' is not printed). */
    TextTable(String... headers) {
        this.headers = new String[headers.length];
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].endsWith(">");
            this.headers[i] = rightAligned[i] ? headers[i].substring(0, headers[i].length() - 1) : headers[i];
        }
    }

    /** A row; {@code suffix} follows the last column unaligned (a "VIOLATED" mark). */
    TextTable row(String suffix, String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("a row needs " + headers.length + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        suffixes.add(suffix == null ? "" : suffix);
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        line(out, headers, widths, "");
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths, suffixes.get(r));
        }
    }

    private void line(PrintWriter out, String[] cells, int[] widths, String suffix) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(widths[i] - cells[i].length());
            text.append(i == 0 ? "" : "  ").append(rightAligned[i] ? pad + cells[i] : cells[i] + (i + 1 < cells.length ? pad : ""));
        }
        out.println(text.append(suffix).toString().stripTrailing());
    }
}
