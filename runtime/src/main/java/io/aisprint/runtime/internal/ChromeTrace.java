package io.aisprint.runtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.runtime.TaskRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chrome trace-event JSON: one process per node, one complete ("X") event per attempt. Attempts
 * are packed into lanes (threads) so overlapping ones on a node sit on separate rows.
 */
public final class ChromeTrace {
    private ChromeTrace() {
    }

    public static ObjectNode toJson(List<TaskRecord> records, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode events = root.putArray("traceEvents");
        Map<String, Integer> processIds = new LinkedHashMap<>();
        Map<String, List<Long>> laneEnds = new LinkedHashMap<>();
        List<TaskRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingLong(TaskRecord::startedNanos));
        for (TaskRecord record : sorted) {
            String node = record.node() == null ? "(not run)" : record.node();
            int pid = processIds.computeIfAbsent(node, n -> processIds.size() + 1);
            List<Long> lanes = laneEnds.computeIfAbsent(node, n -> new ArrayList<>());
            int lane = 0;
            while (lane < lanes.size() && lanes.get(lane) > record.startedNanos()) {
                lane++;
            }
            if (lane == lanes.size()) {
                lanes.add(record.finishedNanos());
            } else {
                lanes.set(lane, record.finishedNanos());
            }
            ObjectNode event = events.addObject();
            event.put("name", record.name());
            event.put("cat", record.outcome());
            event.put("ph", "X");
            event.put("ts", record.startedNanos() / 1000.0);
            event.put("dur", Math.max(0, record.finishedNanos() - record.startedNanos()) / 1000.0);
            event.put("pid", pid);
            event.put("tid", lane + 1);
            ObjectNode args = event.putObject("args");
            args.put("task", record.taskId());
            args.put("attempt", record.attempt());
            args.put("outcome", record.outcome());
            args.put("queuedMicros", Math.max(0, record.startedNanos() - record.queuedNanos()) / 1000.0);
            args.put("inputsMoved", record.inputsMoved());
            args.put("bytesMoved", record.bytesMoved());
        }
        processIds.forEach((node, pid) -> {
            ObjectNode meta = events.addObject();
            meta.put("name", "process_name");
            meta.put("ph", "M");
            meta.put("pid", pid);
            meta.putObject("args").put("name", "node " + node);
        });
        root.put("displayTimeUnit", "ms");
        return root;
    }
}
