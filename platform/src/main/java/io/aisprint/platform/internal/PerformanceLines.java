package io.aisprint.platform.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds declarations to the lines of a {@code performance.yaml} (two-space indents, as aisprint and
 * its examples write it) without touching the rest: a new pair goes under its partition's
 * {@code resources:}, creating the partition, the component or {@code components:} when absent.
 * Comments and layout stay as the user left them.
 */
public final class PerformanceLines {
    private static final Pattern KEY = Pattern.compile("^(\\s*)([^\\s:#][^:#]*):\\s*(#.*)?$");

    private final List<String> lines;

    public PerformanceLines(List<String> lines) {
        this.lines = new ArrayList<>(lines);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Declares {@code entry} (e.g. "{model: QTedge, demand: 0.12}") for the pair, which must not be declared yet. */
    public void add(String component, String partition, String resource, String entry) {
        int components = find(0, lines.size(), 0, "components");
        if (components < 0) {
            lines.add("components:");
            components = lines.size() - 1;
        }
        int componentEnd = blockEnd(components, 0);
        int componentLine = find(components + 1, componentEnd, 2, component);
        if (componentLine < 0) {
            lines.add(componentEnd, "  " + component + ":");
            componentLine = componentEnd;
        }
        int partitionEnd = blockEnd(componentLine, 2);
        int partitionLine = find(componentLine + 1, partitionEnd, 4, partition);
        if (partitionLine < 0) {
            lines.add(partitionEnd, "    " + partition + ":");
            partitionLine = partitionEnd;
        }
        int resourcesEnd = blockEnd(partitionLine, 4);
        int resourcesLine = find(partitionLine + 1, resourcesEnd, 6, "resources");
        if (resourcesLine < 0) {
            lines.add(resourcesEnd, "      resources:");
            resourcesLine = resourcesEnd;
        }
        lines.add(blockEnd(resourcesLine, 6), "        " + resource + ": " + entry + (entry.contains("#") ? "" : "  # profiled"));
    }

    /** The first line in [from, to) that opens key {@code name} at exactly {@code indent}, or -1. */
    private int find(int from, int to, int indent, String name) {
        for (int i = from; i < to; i++) {
            Matcher key = KEY.matcher(lines.get(i));
            if (key.matches() && key.group(1).length() == indent && key.group(2).strip().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Where the block opened at {@code line} (indent {@code indent}) ends: the next line indented no deeper, blank lines and comments aside. */
    private int blockEnd(int line, int indent) {
        int end = line + 1;
        for (int i = line + 1; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank() || text.strip().startsWith("#")) {
                continue;
            }
            int depth = text.length() - text.stripLeading().length();
            if (depth <= indent) {
                break;
            }
            end = i + 1;
        }
        return end;
    }
}
