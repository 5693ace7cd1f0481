package io.aisprint.gpu;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Price per hour of using n GPUs of a type on one node, as in the reference {@code GPU-cost*.csv}
 * tables. For the energy model the price is watts / 1000 × price per kWh × PUE, and the watts
 * are kept to report energy.
 */
public record GpuCostTable(Map<String, NavigableMap<Integer, Double>> pricePerHour,
                           Map<String, NavigableMap<Integer, Double>> wattsByType) implements CostModel {

    public GpuCostTable {
        pricePerHour = copy(pricePerHour);
        wattsByType = copy(wattsByType);
    }

    private static Map<String, NavigableMap<Integer, Double>> copy(Map<String, NavigableMap<Integer, Double>> source) {
        Map<String, NavigableMap<Integer, Double>> result = new TreeMap<>();
        source.forEach((type, table) -> result.put(type, java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(table))));
        return java.util.Collections.unmodifiableMap(result);
    }

    /** Builds the energy table: price = watts / 1000 × energy price (per kWh) × PUE. */
    public static GpuCostTable fromWatts(Map<String, NavigableMap<Integer, Double>> watts, double pricePerKwh, double pue) {
        Map<String, NavigableMap<Integer, Double>> prices = new TreeMap<>();
        watts.forEach((type, table) -> {
            NavigableMap<Integer, Double> row = new TreeMap<>();
            table.forEach((n, w) -> row.put(n, w / 1000.0 * pricePerKwh * pue));
            prices.put(type, row);
        });
        return new GpuCostTable(prices, watts);
    }

    @Override
    public boolean knows(String gpuType, int gpusInUse) {
        NavigableMap<Integer, Double> row = pricePerHour.get(gpuType);
        return row != null && !row.isEmpty() && gpusInUse >= 1;
    }

    @Override
    public double costPerHour(String gpuType, int gpusInUse) {
        return lookup(pricePerHour, gpuType, gpusInUse, "cost");
    }

    @Override
    public double watts(String gpuType, int gpusInUse) {
        if (!wattsByType.containsKey(gpuType)) {
            return Double.NaN;
        }
        return lookup(wattsByType, gpuType, gpusInUse, "power");
    }

    @Override
    public boolean isCloud() {
        return false;
    }

    /**
     * Exact entry, else linear interpolation between the nearest known counts, else scaling of
     * the nearest known count by GPUs (the reference tables themselves interpolate missing counts).
     */
    private static double lookup(Map<String, NavigableMap<Integer, Double>> table, String gpuType, int n, String what) {
        if (n <= 0) {
            return 0;
        }
        NavigableMap<Integer, Double> row = table.get(gpuType);
        if (row == null || row.isEmpty()) {
            throw new GpuException(ErrorCode.MISSING_COST_DATA,
                "No GPU " + what + " is given for GPU type " + gpuType + ".\nMaybe add a row for " + gpuType + " to the cost table.");
        }
        Double exact = row.get(n);
        if (exact != null) {
            return exact;
        }
        Map.Entry<Integer, Double> below = row.floorEntry(n);
        Map.Entry<Integer, Double> above = row.ceilingEntry(n);
        if (below != null && above != null) {
            double share = (n - below.getKey()) / (double) (above.getKey() - below.getKey());
            return below.getValue() + share * (above.getValue() - below.getValue());
        }
        Map.Entry<Integer, Double> nearest = below != null ? below : above;
        return nearest.getValue() * n / nearest.getKey();
    }
}
