package io.aisprint.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/** Draws the jobs on the GPUs over time as an SVG Gantt chart: one row per GPU, one bar per run. */
public final class GanttChart {
    private static final int LEFT = 90;
    private static final int WIDTH = 900;
    private static final int ROW = 14;
    private static final int TOP = 40;

    private GanttChart() {
    }

    public static String svg(List<Node> nodes, List<Segment> segments, String title) {
        double end = segments.stream().mapToDouble(Segment::end).max().orElse(1);
        double start = segments.stream().mapToDouble(Segment::start).min().orElse(0);
        double span = Math.max(1e-9, end - start);
        int rows = nodes.stream().mapToInt(Node::gpus).sum();
        int height = TOP + rows * ROW + 40;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"10\">%n",
            LEFT + WIDTH + 20, height));
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"13\">%s</text>%n", LEFT, escape(title)));
        int row = 0;
        java.util.Map<String, Integer> firstRow = new java.util.HashMap<>();
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
        for (Segment segment : segments) {
            Integer base = firstRow.get(segment.nodeId());
            if (base == null) {
                continue;
            }
            double x = LEFT + (segment.start() - start) / span * WIDTH;
            double w = Math.max(0.5, (segment.end() - segment.start()) / span * WIDTH);
            String colour = colour(segment.jobId());
            for (int gpu : segment.gpuIndices()) {
                double fraction = segment.configuration().fraction();
                double y = TOP + (base + gpu) * ROW + 1;
                out.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"%s\" stroke=\"#333\" stroke-width=\"0.3\"><title>%s %s %.0f-%.0f s%s</title></rect>%n",
                    x, y, w, (ROW - 2) * fraction, colour, segment.profiling() ? "0.4" : "0.9", escape(segment.jobId()),
                    segment.configuration(), segment.start(), segment.end(), segment.profiling() ? " (profiling)" : ""));
                if (w > 24) {
                    out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"8\">%s</text>%n",
                        x + 2, y + ROW - 5, escape(segment.jobId())));
                }
            }
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0 h</text>%n", LEFT, height - 12));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.1f h</text>%n", LEFT + WIDTH, height - 12, span / 3600));
        out.append("</svg>\n");
        return out.toString();
    }

    /** Writes the chart atomically. */
    public static void write(Path file, List<Node> nodes, List<Segment> segments, String title) {
        try {
            Path temporary = file.toAbsolutePath().resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, svg(nodes, segments, title), StandardCharsets.UTF_8);
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
