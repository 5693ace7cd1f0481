package io.aisprint.monitor.spi;

import io.aisprint.monitor.MetricStores;

class InMemoryMetricStoreTest extends MetricStoreConformanceKit {
    @Override
    protected MetricStore openStore() {
        return MetricStores.inMemory();
    }
}
