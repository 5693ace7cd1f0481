package io.aisprint.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Readers for the reference scheduler's CSV files (profiling tables, GPU cost tables, VM
 * catalogue, early-stopping distributions, GPU-sharing fractions). Errors name the file, line
 * and column.
 */
public final class AnchorFiles {
    private AnchorFiles() {
    }

    /** A profiled job of the catalogue: epochs, memory and total seconds per configuration. */
    public record ProfiledJob(String name, String application, int epochs, double memoryGb,
                              Map<Configuration, Double> totalSeconds) {
    }

    /** A GPU-sharing option: jobs needing at most {@code memoryGb} may use {@code fraction} of a GPU. */
    public record Fraction(String gpuType, double memoryGb, double fraction, double inflateMax) {
    }

    private record Table(Path file, List<String> header, List<String[]> rows) {
        int column(String name) {
            int index = header.indexOf(name);
            if (index < 0) {
                throw new GpuException(ErrorCode.INVALID_INPUT,
                    file + ": no column '" + name + "'; the header has " + header + ".");
            }
            return index;
        }

        String text(int row, int column) {
            String[] cells = rows.get(row);
            if (column >= cells.length) {
                throw new GpuException(ErrorCode.INVALID_INPUT,
                    file + " line " + (row + 2) + ": missing column " + header.get(column) + ".");
            }
            return cells[column].trim();
        }

        double number(int row, int column) {
            String text = text(row, column);
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new GpuException(ErrorCode.INVALID_INPUT,
                    file + " line " + (row + 2) + ", column " + header.get(column) + ": '" + text + "' is not a number.");
            }
        }
    }

    private static Table read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GpuException(ErrorCode.INVALID_INPUT, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new GpuException(ErrorCode.INVALID_INPUT, file + " is empty; expected a CSV header line.");
        }
        String headerLine = lines.get(0).replace("\uFEFF", "");
        List<String> header = new ArrayList<>();
        for (String cell : headerLine.split(",", -1)) {
            header.add(cell.trim());
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split(",", -1));
            }
        }
        return new Table(file, header, rows);
    }

    /**
     * Reads a profiling table: {@code data_2d10d_filtered.csv} (column ExecutionTime, whole job) or
     * {@code data_server.csv} (columns TimePerEpoch and ExecutionTime). Only the GPU types listed
     * are kept (all when the list is empty).
     */
    public static Map<String, ProfiledJob> profiles(Path file, List<String> gpuTypes) {
        Table table = read(file);
        int job = table.column("Jobs");
        int type = table.column("GpuType");
        int count = table.column("GpuNumber");
        int time = table.column("ExecutionTime");
        int epochs = table.column("Epochs");
        int application = table.column("Application");
        int memory = table.header().indexOf("Memory");
        Map<String, ProfiledJob> result = new LinkedHashMap<>();
        Map<String, Map<Configuration, Double>> times = new HashMap<>();
        for (int row = 0; row < table.rows().size(); row++) {
            String gpuType = table.text(row, type);
            if (!gpuTypes.isEmpty() && !gpuTypes.contains(gpuType)) {
                continue;
            }
            String name = table.text(row, job);
            double memoryGb = memory >= 0 ? table.number(row, memory) : 0;
            result.putIfAbsent(name, new ProfiledJob(name, table.text(row, application), (int) table.number(row, epochs), memoryGb, Map.of()));
            times.computeIfAbsent(name, n -> new TreeMap<>())
                .put(Configuration.of(gpuType, (int) table.number(row, count)), table.number(row, time));
        }
        result.replaceAll((name, profiled) -> new ProfiledJob(name, profiled.application(), profiled.epochs(), profiled.memoryGb(), times.get(name)));
        return result;
    }

    /** Reads a cost table {@code GPUtype, nGPUs, cost} (plus PowerConsumption[W] when present). */
    public static GpuCostTable costTable(Path file) {
        Table table = read(file);
        int type = table.column("GPUtype");
        int count = table.column("nGPUs");
        int cost = table.column("cost");
        int power = table.header().indexOf("PowerConsumption[W]");
        Map<String, NavigableMap<Integer, Double>> prices = new TreeMap<>();
        Map<String, NavigableMap<Integer, Double>> watts = new TreeMap<>();
        for (int row = 0; row < table.rows().size(); row++) {
            String gpuType = table.text(row, type);
            int n = (int) table.number(row, count);
            prices.computeIfAbsent(gpuType, t -> new TreeMap<>()).put(n, table.number(row, cost));
            if (power >= 0) {
                watts.computeIfAbsent(gpuType, t -> new TreeMap<>()).put(n, table.number(row, power));
            }
        }
        return new GpuCostTable(prices, watts);
    }

    /** Reads a VM catalogue {@code VMtype, GPUtype, nGPUs, cost}. */
    public static VmCatalogue vmCatalogue(Path file) {
        Table table = read(file);
        int name = table.column("VMtype");
        int type = table.column("GPUtype");
        int count = table.column("nGPUs");
        int cost = table.column("cost");
        List<VmCatalogue.VmType> types = new ArrayList<>();
        for (int row = 0; row < table.rows().size(); row++) {
            types.add(new VmCatalogue.VmType(table.text(row, name), table.text(row, type),
                (int) table.number(row, count), table.number(row, cost)));
        }
        return new VmCatalogue(types);
    }

    /** Reads {@code distributions.csv}: per family, the probability of stopping at k % of the epochs (k = 1..rows). */
    public static Map<String, double[]> earlyStopping(Path file) {
        Table table = read(file);
        Map<String, double[]> result = new LinkedHashMap<>();
        for (int column = 0; column < table.header().size(); column++) {
            double[] pmf = new double[table.rows().size()];
            for (int row = 0; row < pmf.length; row++) {
                pmf[row] = table.number(row, column);
            }
            result.put(table.header().get(column), pmf);
        }
        return result;
    }

    /** Reads {@code fractions.csv}. */
    public static List<Fraction> fractions(Path file) {
        Table table = read(file);
        int type = table.column("GPUtype");
        int memory = table.column("Memory");
        int fraction = table.column("GPUf");
        int inflate = table.column("inflate_max");
        List<Fraction> result = new ArrayList<>();
        for (int row = 0; row < table.rows().size(); row++) {
            result.add(new Fraction(table.text(row, type), table.number(row, memory), table.number(row, fraction), table.number(row, inflate)));
        }
        return result;
    }
}
