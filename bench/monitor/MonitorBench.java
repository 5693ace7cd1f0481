import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load client for bench/monitor/run.sh; JDK only, run as a source file. Against one target
 * (aisprint embedded server or InfluxDB 1.x, both speaking /write) it measures:
 * 1. batch ingestion: POINTS points in 5,000-line batches over 2 connections, 1,000 series;
 * 2. single-point writes: one point per request, one connection, for a fixed count;
 * 3. the latency of a p95 per 5-minute window, grouped by component, over all loaded points.
 * Usage: java MonitorBench.java NAME URL KIND(aisprint|influxdb) POINTS SINGLE_WRITES
 */
public final class MonitorBench {
    static final int BATCH = 5_000;
    static final int CONNECTIONS = 2;
    static final long START = 1_700_000_000_000_000_000L;
    static final long STEP = 100_000_000L; // 100 ms between points of one series
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String url = args[1];
        String kind = args[2];
        long points = Long.parseLong(args[3]);
        int singles = Integer.parseInt(args[4]);

        {   // both refuse writes to a database that does not exist
            HTTP.send(HttpRequest.newBuilder(URI.create(url + "/query?q=" + URLEncoder.encode("CREATE DATABASE bench", StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        }
        long batches = points / BATCH;
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        long began = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            futures.add(pool.submit(() -> {
                StringBuilder body = new StringBuilder(BATCH * 64);
                for (long batch = next.getAndIncrement(); batch < batches; batch = next.getAndIncrement()) {
                    body.setLength(0);
                    for (int line = 0; line < BATCH; line++) {
                        long index = batch * BATCH + line;
                        long series = index % 1000;
                        long time = START + (index / 1000) * STEP;
                        body.append("latency,component=c").append(series % 10).append(",host=h").append(series / 10)
                                .append(" value=").append((index * 7919) % 1000 / 1000.0).append(' ').append(time).append('\n');
                    }
                    post(url + "/write?db=bench&precision=ns", body.toString());
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - began) / 1e9;
        double batchRate = batches * BATCH / seconds;

        long singleBegan = System.nanoTime();
        for (int i = 0; i < singles; i++) {
            post(url + "/write?db=bench&precision=ns", "single,host=h" + (i % 10) + " value=" + i + " " + (START + i));
        }
        double singleRate = singles / ((System.nanoTime() - singleBegan) / 1e9);
        // The same single-point writes from 8 clients at once: group commit shares one sync between them.
        ExecutorService writers = Executors.newFixedThreadPool(SINGLE_CLIENTS);
        AtomicLong nextSingle = new AtomicLong();
        long concurrentBegan = System.nanoTime();
        List<Future<?>> writing = new ArrayList<>();
        for (int c = 0; c < SINGLE_CLIENTS; c++) {
            writing.add(writers.submit(() -> {
                for (long i = nextSingle.getAndIncrement(); i < singles; i = nextSingle.getAndIncrement()) {
                    post(url + "/write?db=bench&precision=ns", "concurrent,host=h" + (i % 10) + " value=" + i + " " + (START + i));
                }
                return null;
            }));
        }
        for (Future<?> future : writing) {
            future.get();
        }
        writers.shutdown();
        double concurrentRate = singles / ((System.nanoTime() - concurrentBegan) / 1e9);

        long end = START + (points / 1000) * STEP;
        // The same InfluxQL on both servers (aisprint runs it with its own engine on the embedded store).
        String influxQl = url + "/query?db=bench&epoch=ns&q=" + URLEncoder.encode("SELECT percentile(\"value\", 95) FROM \"latency\" WHERE time >= "
                + START + " AND time < " + end + " GROUP BY time(5m), \"component\" fill(none)", StandardCharsets.UTF_8);
        String meanQl = url + "/query?db=bench&epoch=ns&q=" + URLEncoder.encode("SELECT mean(\"value\") FROM \"latency\" WHERE \"host\" = 'h7' AND time >= "
                + START + " AND time < " + end + " GROUP BY time(1m)", StandardCharsets.UTF_8);
        double[] p95 = latency(influxQl);
        double[] mean = latency(meanQl);
        String native95 = kind.equals("influxdb") ? "n/a"
                : String.format("%,.0f ms", latency(url + "/api/v1/query?measurement=latency&field=value&aggregate=p95&window=5m&groupBy=component&from="
                        + START + "&to=" + end)[1]);
        System.out.printf("%-22s batch=5000x%d conn: %,10.0f points/s | single-point 1 client: %,7.0f writes/s | %d clients: %,7.0f writes/s"
                + " | InfluxQL p95/5m by component over %,d points: median %,.0f ms (min %,.0f, max %,.0f) | mean/1m one host: %,.0f ms"
                + " | /api/v1/query p95: %s%n",
                name, CONNECTIONS, batchRate, singleRate, SINGLE_CLIENTS, concurrentRate, points, p95[1], p95[0], p95[2], mean[1], native95);
    }

    static final int SINGLE_CLIENTS = 8;

    /** One warm-up, then three timed runs, sorted (the middle one is the median). */
    static double[] latency(String query) throws Exception {
        get(query);
        double[] latencies = new double[3];
        for (int i = 0; i < latencies.length; i++) {
            long t = System.nanoTime();
            get(query);
            latencies[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(latencies);
        return latencies;
    }

    static void post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("write answered " + response.statusCode() + ": " + response.body());
        }
    }

    static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(600)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("query answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
