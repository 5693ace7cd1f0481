package io.aisprint.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the jobs on the GPUs over time as an SVG Gantt chart: one row per GPU, one bar per run (its
 * height the share of the GPU), hatched bars for profiling runs, a red mark at each job's due date
 * on the rows where it last ran, a time axis with round ticks and a legend.
 */
public final class GanttChart {
    private static final int LEFT = 110;
    private static final int WIDTH = 900;
    private static final int ROW = 14;
    private static final int TOP = 40;
    private static final int AXIS = 34;
    private static final int LEGEND = 24;
    /** Profiling runs last minutes in a trace of hours: drawn at least this wide so they can be seen. */
    private static final double MIN_PROFILING_WIDTH = 3;
    private static final String DUE_COLOUR = "#d62728";

    private GanttChart() {
    }

    public static String svg(List<Node> nodes, List<Segment> segments, String title) {
        return svg(nodes, segments, Map.of(), title);
    }

    /** The chart, with {@code dueDates} (job id to seconds) marked on the rows where each job ran last. */
    public static String svg(List<Node> nodes, List<Segment> segments, Map<String, Double> dueDates, String title) {
        double start = Math.min(0, segments.stream().mapToDouble(Segment::start).min().orElse(0));
        double last = segments.stream().mapToDouble(Segment::end).max().orElse(1);
        Map<String, Segment> lastRun = new HashMap<>();
        for (Segment segment : segments) {
            lastRun.merge(segment.jobId(), segment, (a, b) -> b.end() >= a.end() ? b : a);
        }
        for (String job : lastRun.keySet()) {
            last = Math.max(last, dueDates.getOrDefault(job, last));
        }
        double unit = last - start > 2 * 3600 ? 3600 : last - start > 120 ? 60 : 1;
        String unitName = unit == 3600 ? "h" : unit == 60 ? "min" : "s";
        double step = roundStep((last - start) / unit / 8) * unit;
        double end = start + Math.ceil((last - start) / step - 1e-9) * step;
        double span = Math.max(1e-9, end - start);
        int rows = nodes.stream().mapToInt(Node::gpus).sum();
        int plotBottom = TOP + rows * ROW;
        int height = plotBottom + AXIS + LEGEND + 8;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"10\">%n",
            LEFT + WIDTH + 20, height));
        out.append("<defs><pattern id=\"profiling\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#000\" stroke-width=\"1.5\"/></pattern></defs>\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"13\">%s</text>%n", LEFT, escape(title)));
        Map<String, Integer> firstRow = rows(out, nodes);
        for (double tick = start; tick <= end + step / 2; tick += step) {
            double x = LEFT + (tick - start) / span * WIDTH;
            out.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>%n",
                x, x, TOP, plotBottom + 4));
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, plotBottom + 16,
                number(tick / unit)));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">time (%s)</text>%n", LEFT + WIDTH, plotBottom + 30,
            unitName));
        for (Segment segment : segments) {
            Integer base = firstRow.get(segment.nodeId());
            if (base != null) {
                bar(out, segment, base, start, span);
            }
        }
        for (Map.Entry<String, Segment> entry : lastRun.entrySet()) {
            Double due = dueDates.get(entry.getKey());
            Integer base = firstRow.get(entry.getValue().nodeId());
            if (due == null || base == null) {
                continue;
            }
            double x = LEFT + (due - start) / span * WIDTH;
            for (int gpu : entry.getValue().gpuIndices()) {
                int y = TOP + (base + gpu) * ROW;
                out.append(String.format(Locale.ROOT,
                    "<line class=\"due\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"><title>%s due at %s %s</title></line>%n",
                    x, x, y, y + ROW, DUE_COLOUR, escape(entry.getKey()), number(due / unit), unitName));
            }
        }
        legend(out, plotBottom + AXIS + 12);
        out.append("</svg>\n");
        return out.toString();
    }

    /** The row backgrounds and labels; returns each node's first row. */
    private static Map<String, Integer> rows(StringBuilder out, List<Node> nodes) {
        int row = 0;
        Map<String, Integer> firstRow = new HashMap<>();
        for (Node node : nodes) {
            firstRow.put(node.id(), row);
            for (int g = 0; g < node.gpus(); g++) {
                int y = TOP + (row + g) * ROW;
                out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    LEFT, y, WIDTH, ROW, (row + g) % 2 == 0 ? "#f4f4f4" : "#ffffff"));
                out.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s %s/%d</text>%n", y + ROW - 3,
                    escape(node.id()), escape(node.gpuType()), g));
            }
            row += node.gpus();
            out.append(String.format(Locale.ROOT, "<line x1=\"0\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n",
                LEFT + WIDTH, TOP + row * ROW, TOP + row * ROW));
        }
        return firstRow;
    }

    private static void bar(StringBuilder out, Segment segment, int base, double start, double span) {
        double x = LEFT + (segment.start() - start) / span * WIDTH;
        double w = Math.max(segment.profiling() ? MIN_PROFILING_WIDTH : 0.5, (segment.end() - segment.start()) / span * WIDTH);
        String colour = colour(segment.jobId());
        double fraction = segment.configuration().fraction();
        for (int gpu : segment.gpuIndices()) {
            double y = TOP + (base + gpu) * ROW + 1;
            double h = Math.max(3, (ROW - 2) * fraction);
            String tip = String.format(Locale.ROOT, "<title>%s %s %.0f-%.0f s%s</title>", escape(segment.jobId()), segment.configuration(),
                segment.start(), segment.end(), segment.profiling() ? " (profiling)" : "");
            out.append(String.format(Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#333\" stroke-width=\"0.3\">%s</rect>%n",
                segment.profiling() ? "profiling" : "run", x, y, w, h, colour, tip));
            if (segment.profiling()) {
                out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"url(#profiling)\" "
                    + "fill-opacity=\"0.6\">%s</rect>%n", x, y, w, h, tip));
            }
            if (w > 24) {
                out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"8\">%s</text>%n",
                    x + 2, y + ROW - 5, escape(segment.jobId())));
            }
        }
    }

    private static void legend(StringBuilder out, int y) {
        out.append("<g class=\"legend\">\n");
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"22\" height=\"10\" fill=\"#6a9fd8\" stroke=\"#333\" stroke-width=\"0.3\"/>"
            + "<text x=\"%d\" y=\"%d\">training run (one colour per job; height = share of the GPU)</text>%n", LEFT, y - 8, LEFT + 28, y));
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"22\" height=\"10\" fill=\"#6a9fd8\"/>"
            + "<rect x=\"%d\" y=\"%d\" width=\"22\" height=\"10\" fill=\"url(#profiling)\" fill-opacity=\"0.6\"/>"
            + "<text x=\"%d\" y=\"%d\">profiling run</text>%n", LEFT + 380, y - 8, LEFT + 380, y - 8, LEFT + 408, y));
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
            + "<text x=\"%d\" y=\"%d\">due date (on the job's last GPU)</text>%n", LEFT + 520, LEFT + 520, y - 10, y + 2, DUE_COLOUR,
            LEFT + 528, y));
        out.append("</g>\n");
    }

    /** 1, 2 or 5 times a power of ten, the nearest at or above {@code raw}. */
    private static double roundStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        return power * (raw <= power ? 1 : raw <= 2 * power ? 2 : raw <= 5 * power ? 5 : 10);
    }

    private static String number(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Writes the chart atomically. */
    public static void write(Path file, List<Node> nodes, List<Segment> segments, String title) {
        write(file, nodes, segments, Map.of(), title);
    }

    /** Writes the chart atomically, with due-date marks. */
    public static void write(Path file, List<Node> nodes, List<Segment> segments, Map<String, Double> dueDates, String title) {
        try {
            Path temporary = file.toAbsolutePath().resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, svg(nodes, segments, dueDates, title), StandardCharsets.UTF_8);
            Files.move(temporary, file.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new GpuException(ErrorCode.EXECUTION, "Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String colour(String jobId) {
        float hue = (jobId.hashCode() * 0.618034f) % 1f;
        java.awt.Color colour = java.awt.Color.getHSBColor(Math.abs(hue), 0.55f, 0.85f);
        return String.format("#%02x%02x%02x", colour.getRed(), colour.getGreen(), colour.getBlue());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
