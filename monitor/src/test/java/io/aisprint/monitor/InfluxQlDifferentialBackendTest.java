package io.aisprint.monitor;

import io.aisprint.monitor.spi.MetricStore;
import java.net.URI;
import java.nio.file.Path;

/**
 * The differential suite with {@code --store influxdb}: our server fronts the real influxd
 * (writes and queries relayed), so every answer must be influxd's own, status codes included.
 */
class InfluxQlDifferentialBackendTest extends InfluxQlDifferentialTest {
    @Override
    protected MetricStore openStore(Path directory, URI influxUrl) {
        return MetricStores.influxDb(influxUrl, "aisprint");
    }

    @Override
    protected boolean separateServers() {
        return false;
    }
}
