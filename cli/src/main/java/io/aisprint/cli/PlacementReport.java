package io.aisprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.model.ModelException;
import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.perf.PerfException;
import io.aisprint.placement.PlacementException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Shared input handling and output (table and JSON) of the {@code design} and {@code evaluate} commands. */
final class PlacementReport {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlacementReport() {
    }

    static SystemDescription readSystem(Path path) {
        try {
            return SystemReaders.read(path);
        } catch (ModelException e) {
            throw userError(e);
        }
    }

    static UserFacingException userError(RuntimeException e) {
        if (e instanceof ModelException model) {
            return new UserFacingException(model.getMessage(),
                    model.kind() == ModelException.Kind.UNREADABLE ? ExitCodes.USAGE : ExitCodes.INVALID);
        }
        if (e instanceof PlacementException || e instanceof PerfException) {
            return new UserFacingException(e.getMessage(), ExitCodes.INVALID);
        }
        throw e;
    }

    /** The human table: one row per component, then paths and resources, columns as wide as their names. */
    static void printTable(PrintWriter out, SystemDescription system, Placement placement) {
        TextTable components = new TextTable("component", "deployment", "partitions", "response s>", "limit s>");
        for (Placement.ComponentPlacement component : placement.components()) {
            StringBuilder partitions = new StringBuilder();
            for (Placement.PartitionPlacement partition : component.partitions()) {
                if (partitions.length() > 0) {
                    partitions.append(", ");
                }
                partitions.append(partition.partition()).append(" on ").append(partition.resource());
                Integer count = placement.instances().get(partition.resource());
                if (count != null) {
                    partitions.append('×').append(count);
                }
            }
            components.row(component.responseTime() > component.responseTimeLimit() ? "  VIOLATED" : "", component.component(),
                component.deployment(), partitions.toString(), seconds(component.responseTime()), seconds(component.responseTimeLimit()));
        }
        components.print(out);
        if (!placement.paths().isEmpty()) {
            out.println();
            TextTable paths = new TextTable("path", "components", "response s>", "limit s>");
            for (Placement.PathResponse path : placement.paths()) {
                paths.row(path.responseTime() > path.responseTimeLimit() ? "  VIOLATED" : "", path.name(),
                    String.join(" → ", path.components()), seconds(path.responseTime()), seconds(path.responseTimeLimit()));
            }
            paths.print(out);
        }
        out.println();
        if (!placement.instances().isEmpty()) {
            out.println("edge devices and VMs:");
            TextTable resources = new TextTable("  resource", "count>", "unit cost/h>", "cost>");
            placement.instances().forEach((name, count) -> {
                double unit = system.continuum().resource(name).map(r -> r.cost()).orElse(Double.NaN);
                resources.row("", "  " + name, String.valueOf(count), String.format(Locale.ROOT, "%.4f", unit),
                    String.format(Locale.ROOT, "%.4f", unit * count * system.application().time()));
            });
            resources.print(out);
        }
        out.printf(Locale.ROOT, "total cost %.6f over %s h%n", placement.totalCost(), trim(system.application().time()));
    }

    static ObjectNode toJson(Placement placement) {
        return io.aisprint.server.DesignJson.placement(placement);
    }

    static void putNumber(ObjectNode node, String field, double value) {
        io.aisprint.server.DesignJson.putNumber(node, field, value);
    }

    static String seconds(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "none" : "-inf";
        }
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
