package io.aisprint.security.net;

import io.aisprint.security.net.dataplane.DataPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code aisprint net check}: builds the data plane for a policy, opens one real TCP connection
 * per scenario attempt (all at once, so denied attempts wait their time-out together) and
 * compares what got through with what the scenario expects.
 */
public final class NetCheck {
    /** One attempt and what was observed; {@code connectMillis} is the time to connect or to give up. */
    public record Result(Attempt attempt, boolean observedAllow, double connectMillis, String detail) {
        public boolean matches() {
            return attempt.expectAllow() == observedAllow;
        }
    }

    private NetCheck() {
    }

    public static List<Result> run(NetworkPolicy policy, List<Attempt> attempts, boolean proactive, long timeoutMillis) {
        for (Attempt attempt : attempts) {
            Service service = policy.service(attempt.service()).orElseThrow();
            if (service.protocol() == Protocol.UDP) {
                throw new NetException(NetException.Code.INVALID_POLICY, "service '" + service.name()
                    + "' is udp; net check opens TCP connections\nMaybe give it protocol: tcp or any for the check");
            }
        }
        try (DataPlane plane = DataPlane.start(policy, proactive)) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(32, attempts.size())));
            try {
                List<Future<DataPlane.Connection>> pending = new ArrayList<>();
                for (Attempt attempt : attempts) {
                    pending.add(pool.submit(() -> plane.connect(policy, attempt.device(), attempt.service(), timeoutMillis, 1)));
                }
                List<Result> results = new ArrayList<>();
                for (int i = 0; i < attempts.size(); i++) {
                    DataPlane.Connection connection = pending.get(i).get();
                    results.add(new Result(attempts.get(i), connection.connected(), connection.connectMicros() / 1000.0, connection.detail()));
                }
                return results;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof NetException n ? n : new NetException(NetException.Code.DATAPLANE_FAILED, "attempt failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetException(NetException.Code.DATAPLANE_FAILED, "interrupted");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
