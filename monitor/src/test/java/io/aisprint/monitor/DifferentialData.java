package io.aisprint.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The points of the differential suite, in line protocol with second precision: regular and
 * sparse series, every field type, tags with gaps, a point written twice (last write wins), and
 * values that make ties and negative steps. Times start at 2024-01-01T00:00:00Z.
 */
final class DifferentialData {
    static final long START = 1_704_067_200L;

    private DifferentialData() {
    }

    static List<String> batches() {
        Random random = new Random(42);
        List<String> batches = new ArrayList<>();
        StringBuilder cpu = new StringBuilder();
        String[] hosts = {"a", "b", "c"};
        String[] regions = {"eu", "us", "eu"};
        for (int i = 0; i < 120; i++) {
            for (int h = 0; h < hosts.length; h++) {
                if (h == 2 && i % 3 != 0) {
                    continue; // host c reports every 30 s only
                }
                long t = START + i * 10L + h;
                double usage = Math.round(random.nextDouble() * 1000) / 10.0;
                cpu.append("cpu,host=").append(hosts[h]).append(",region=").append(regions[h])
                        .append(" usage=").append(usage).append(",count=").append(random.nextInt(50)).append('i')
                        .append(",state=\"").append(usage > 50 ? "busy" : "idle").append('"')
                        .append(",up=").append(usage > 5 ? "true" : "false")
                        .append(' ').append(t).append('\n');
            }
        }
        batches.add(cpu.toString());
        StringBuilder mem = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            long t = START + i * 60L;
            mem.append("mem,host=a free=").append(1000 - i * 7).append("i,used=").append(i * 1.5).append(' ').append(t).append('\n');
            if (i % 4 == 0) {
                mem.append("mem,host=b free=").append(500 + i).append("i ").append(t).append('\n');
            }
        }
        batches.add(mem.toString());
        StringBuilder weather = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            long t = START + i * 300L;
            weather.append("weather,city=rome temp=").append(10 + (i % 7) - 3).append(i % 5 == 0 ? ",rain=1i" : "")
                    .append(' ').append(t).append('\n');
            if (i % 2 == 0) {
                weather.append("weather,city=oslo,coast=yes temp=").append(-5 + i * 0.25).append(' ').append(t).append('\n');
            }
        }
        batches.add(weather.toString());
        // Written twice: the second value must win.
        batches.add("counter,host=a value=1 " + START + "\ncounter,host=a value=3 " + (START + 60) + "\ncounter,host=a value=2 "
                + (START + 120) + "\ncounter,host=a value=8 " + (START + 180) + "\n");
        batches.add("counter,host=a value=5 " + (START + 60) + "\n");
        batches.add("events,kind=deploy,app=web message=\"v1 rolled out\",ok=true " + (START + 100)
                + "\nevents,kind=alert,app=db message=\"disk \\\"full\\\"\",ok=false " + (START + 400)
                + "\nevents,kind=deploy,app=db message=\"v2\",ok=true " + (START + 900) + "\n");
        return batches;
    }
}
