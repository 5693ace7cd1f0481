package io.aisprint.platform.internal;

import java.util.List;
import java.util.Locale;

/** A small line chart as inline SVG: series over a shared time axis, optional dashed limit line and event markers. */
public final class SvgChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 150;
    private static final int TOP = 24;
    private static final int BOTTOM = 30;

    /** One named line. Points with NaN values are skipped. */
    public record Line(String name, double[] x, double[] y, boolean dashed) {
    }

    private SvgChart() {
    }

    public static String render(String title, String yLabel, List<Line> lines, List<Double> markers) {
        double maxX = 1e-9;
        double maxY = 1e-9;
        for (Line line : lines) {
            for (int i = 0; i < line.x().length; i++) {
                if (!Double.isNaN(line.y()[i]) && !Double.isInfinite(line.y()[i])) {
                    maxX = Math.max(maxX, line.x()[i]);
                    maxY = Math.max(maxY, line.y()[i]);
                }
            }
        }
        maxY *= 1.1;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title + " (" + yLabel + ")")));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, TOP, plotWidth, plotHeight));
        for (int tick = 0; tick <= 4; tick++) {
            double value = maxY * tick / 4;
            double y = TOP + plotHeight - plotHeight * tick / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 4, y + 3, format(value)));
            double x = LEFT + plotWidth * tick / 4.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>%n",
                    x, HEIGHT - BOTTOM + 14, format(maxX * tick / 4)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">time (s)</text>%n", LEFT + plotWidth - 40, HEIGHT - 4));
        for (double marker : markers) {
            double x = LEFT + plotWidth * marker / maxX;
            svg.append(String.format(Locale.ROOT, "<line class=\"replacement\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ff7f0e\" stroke-width=\"2\"/>%n",
                    x, TOP, x, TOP + plotHeight));
        }
        for (int l = 0; l < lines.size(); l++) {
            Line line = lines.get(l);
            String colour = COLOURS[l % COLOURS.length];
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < line.x().length; i++) {
                double value = line.y()[i];
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    pen = false;
                    continue;
                }
                double x = LEFT + plotWidth * line.x()[i] / maxX;
                double y = TOP + plotHeight - plotHeight * value / maxY;
                path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                pen = true;
            }
            svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"%s/>%n",
                    path.toString().trim(), colour, line.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>%n",
                    WIDTH - RIGHT + 8, TOP + 12 + 14 * l, colour, escape(line.name())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String format(double value) {
        return value >= 10 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
