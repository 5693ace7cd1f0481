package io.aisprint.monitor.spi;

import io.aisprint.monitor.MetricStores;

/** The conformance kit against a real InfluxDB 1.x server. */
class InfluxDbMetricStoreTest extends MetricStoreConformanceKit {
    private static final String DATABASE = "aisprint_conformance_" + System.nanoTime();

    @Override
    protected MetricStore openStore() {
        return MetricStores.influxDb(InfluxDbServer.requireRunning(), DATABASE);
    }
}
