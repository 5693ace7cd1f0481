package io.aisprint.platform.internal;

import io.aisprint.platform.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart as inline SVG: series over a shared time axis with round tick values, optional
 * dashed lines, re-placement markers and grey bands where a window held no completion, each of them
 * named in the legend on the right.
 */
public final class SvgChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#e377c2"};
    private static final String MARKER_COLOUR = "#ff7f0e";
    private static final String BAND_COLOUR = "#e6e6e6";
    private static final int WIDTH = 860;
    private static final int HEIGHT = 230;
    private static final int LEFT = 56;
    private static final int RIGHT = 210;
    private static final int TOP = 26;
    private static final int BOTTOM = 34;
    private static final int LEGEND_ROW = 15;

    /** One named line. Points with NaN values are not drawn (the line stops there). */
    public record Line(String name, double[] x, double[] y, boolean dashed) {
    }

    /** Stretches of the time axis marked grey and named in the legend (e.g. windows without a completion). */
    public record Bands(String name, List<double[]> ranges) {
        public static final Bands NONE = new Bands("", List.of());

        public Bands {
            ranges = List.copyOf(ranges);
        }
    }

    private SvgChart() {
    }

    public static String render(String title, String yLabel, List<Line> lines, List<Double> markers) {
        return render(title, yLabel, lines, markers, Bands.NONE);
    }

    public static String render(String title, String yLabel, List<Line> lines, List<Double> markers, Bands bands) {
        double maxX = 0;
        double maxY = 0;
        for (Line line : lines) {
            for (int i = 0; i < line.x().length; i++) {
                maxX = Math.max(maxX, line.x()[i]);
                if (Double.isFinite(line.y()[i])) {
                    maxY = Math.max(maxY, line.y()[i]);
                }
            }
        }
        double[] xTicks = ticks(maxX);
        double[] yTicks = ticks(maxY * 1.05);
        double xEnd = xTicks[xTicks.length - 1];
        double yEnd = yTicks[yTicks.length - 1];
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        Scale scale = new Scale(plotWidth, plotHeight, xEnd, yEnd);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title + " (" + yLabel + ")")));
        for (double[] range : bands.ranges()) {
            double from = scale.x(range[0]);
            svg.append(String.format(Locale.ROOT, "<rect class=\"empty-window\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    from, TOP, Math.max(1, scale.x(range[1]) - from), plotHeight, BAND_COLOUR));
        }
        for (double tick : yTicks) {
            double y = scale.y(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n", LEFT, y, LEFT + plotWidth, y));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 4, y + 3, Numbers.significant(tick)));
        }
        for (double tick : xTicks) {
            double x = scale.x(tick);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>%n", x, TOP + plotHeight, x, TOP + plotHeight + 4));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>%n",
                    x, TOP + plotHeight + 15, Numbers.significant(tick)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, TOP, plotWidth, plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">time (s)</text>%n", LEFT + plotWidth, HEIGHT - 4));
        for (double marker : markers) {
            double x = scale.x(marker);
            svg.append(String.format(Locale.ROOT, "<line class=\"replacement\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    x, TOP, x, TOP + plotHeight, MARKER_COLOUR));
        }
        List<String> legend = new ArrayList<>();
        for (int l = 0; l < lines.size(); l++) {
            Line line = lines.get(l);
            String colour = COLOURS[l % COLOURS.length];
            svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"%s/>%n",
                    path(line, scale), colour, dash(line.dashed())));
            legend.add(swatch(legend.size(), "line", colour, line.dashed(), line.name()));
        }
        if (!markers.isEmpty()) {
            legend.add(swatch(legend.size(), "line", MARKER_COLOUR, false, "re-placement"));
        }
        if (!bands.ranges().isEmpty()) {
            legend.add(swatch(legend.size(), "band", BAND_COLOUR, false, bands.name()));
        }
        svg.append("<g class=\"legend\">\n");
        legend.forEach(svg::append);
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    private static String path(Line line, Scale scale) {
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < line.x().length; i++) {
            double value = line.y()[i];
            if (!Double.isFinite(value)) {
                pen = false;
                continue;
            }
            path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", scale.x(line.x()[i]), scale.y(value)));
            pen = true;
        }
        return path.toString().trim();
    }

    private static String swatch(int row, String kind, String colour, boolean dashed, String name) {
        int x = WIDTH - RIGHT + 12;
        int y = TOP + 8 + LEGEND_ROW * row;
        String mark = kind.equals("band")
                ? String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"22\" height=\"10\" fill=\"%s\" stroke=\"#bbb\"/>", x, y - 5, colour)
                : String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>", x, y, x + 22, y,
                        colour, dash(dashed));
        return String.format(Locale.ROOT, "%s<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n", mark, x + 28, y + 4, escape(name));
    }

    private static String dash(boolean dashed) {
        return dashed ? " stroke-dasharray=\"6 4\"" : "";
    }

    /**
     * Round tick values from 0 to at least {@code max}: steps of 1, 2 or 5 times a power of ten, about
     * five of them, so the axis reads 0, 0.2, 0.4 … instead of 0, 0.13, 0.26 ….
     */
    static double[] ticks(double max) {
        if (!(max > 0) || !Double.isFinite(max)) {
            return new double[] {0, 1};
        }
        double raw = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = power * (raw <= power ? 1 : raw <= 2 * power ? 2 : raw <= 5 * power ? 5 : 10);
        int count = (int) Math.ceil(max / step - 1e-9);
        double[] ticks = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            ticks[i] = Double.parseDouble(Numbers.significant(i * step));
        }
        return ticks;
    }

    private record Scale(int width, int height, double xEnd, double yEnd) {
        double x(double value) {
            return LEFT + width * value / xEnd;
        }

        double y(double value) {
            return TOP + height - height * value / yEnd;
        }
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
