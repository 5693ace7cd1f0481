package io.aisprint.monitor.spi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * The real InfluxDB the backend tests use: {@code INFLUXDB_URL} or http://127.0.0.1:8086.
 * .ci/run starts one (monitor/scripts/start-influxdb.sh); without it the tests are skipped.
 */
public final class InfluxDbServer {
    private InfluxDbServer() {
    }

    public static URI url() {
        String configured = System.getenv("INFLUXDB_URL");
        return URI.create(configured == null || configured.isBlank() ? "http://127.0.0.1:8086" : configured);
    }

    /**
     * Skips the calling test unless {@code INFLUXDB_URL} names a server that answers /ping with 204.
     * No default port: our own monitor server answers /ping too, and must not be taken for InfluxDB.
     */
    public static URI requireRunning() {
        String configured = System.getenv("INFLUXDB_URL");
        Assumptions.assumeTrue(configured != null && !configured.isBlank(),
                "INFLUXDB_URL is not set; start InfluxDB with monitor/scripts/start-influxdb.sh (.ci/run does this).");
        URI url = url();
        boolean up;
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(url.resolve("/ping")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
            up = response.statusCode() == 204;
        } catch (Exception e) {
            up = false;
        }
        Assumptions.assumeTrue(up, "No InfluxDB answers " + url + "/ping; start one with monitor/scripts/start-influxdb.sh"
                + " and set INFLUXDB_URL (.ci/run does this).");
        return url;
    }
}
