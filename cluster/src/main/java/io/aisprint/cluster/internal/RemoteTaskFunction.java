package io.aisprint.cluster.internal;

import io.aisprint.cluster.RemoteFunction;
import io.aisprint.cluster.RemoteRef;
import io.aisprint.runtime.Data;
import io.aisprint.runtime.TaskContext;
import io.aisprint.runtime.TaskFunction;
import io.aisprint.runtime.TaskFuture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The driver side of a remote body: resolves the inputs the runtime already made ready, then
 * runs the body on the node the scheduler chose (in another JVM on a cluster runtime, here on
 * the in-process one) and hands the result back to the runtime.
 */
public final class RemoteTaskFunction<R> implements TaskFunction<R> {
    public enum Mode { RETURN, KEEP }

    /** Kept values of bodies run in this process (no cluster), freed like a driver's. */
    private static final LocalStore IN_PROCESS = LocalStore.of(null);
    private static final KeptValues IN_PROCESS_KEPT = new KeptValues(keys -> keys.forEach(IN_PROCESS::remove));

    private final RemoteFunction<?> body;
    private final List<Object> inputs;
    private final Mode mode;
    private final Data<Object> target;

    @SuppressWarnings("unchecked")
    public RemoteTaskFunction(RemoteFunction<?> body, List<Object> inputs, Mode mode, Data<?> target) {
        this.body = java.util.Objects.requireNonNull(body, "body");
        this.inputs = inputs;
        this.mode = mode;
        this.target = (Data<Object>) target;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R apply(TaskContext context) throws Exception {
        Object[] values = new Object[inputs.size()];
        Map<Integer, Path> outputs = new java.util.HashMap<>();
        DriverSession session = DriverSession.current();
        for (int i = 0; i < values.length; i++) {
            Object input = inputs.get(i);
            if (input instanceof TaskFuture<?> future) {
                values[i] = context.get(future);
            } else if (input instanceof Data<?> data) {
                values[i] = context.get(data);
            } else if (input instanceof Path path) {
                Path physical = context.path(path);
                io.aisprint.runtime.Direction direction = context.direction(path);
                boolean output = direction == io.aisprint.runtime.Direction.OUT || direction == io.aisprint.runtime.Direction.INOUT;
                if (output) {
                    outputs.put(i, physical);
                }
                values[i] = session == null ? physical : StagedFile.of(physical, direction != io.aisprint.runtime.Direction.OUT, output);
            } else {
                values[i] = input;
            }
        }
        boolean keep = mode == Mode.KEEP;
        Object result;
        if (session == null) {
            result = RemoteJob.run(body, values, keep, context.nodeName(), labelsOf(context), context.taskName(),
                    context.attempt(), IN_PROCESS, null, RemoteJob.startFetches(values, IN_PROCESS, RemoteTaskFunction::missing),
                    System.nanoTime()).value();
            if (result instanceof RemoteRef<?> ref) {
                result = IN_PROCESS_KEPT.track(ref);
            } else if (result instanceof io.aisprint.cluster.Reported<?> reported) {
                Object value = reported.value() instanceof RemoteRef<?> ref ? IN_PROCESS_KEPT.track(ref) : reported.value();
                result = reported.withValue(value);
            }
        } else {
            RemoteResult remote = session.call(context.nodeName(), context.taskName(), context.attempt(),
                    new RemoteJob(body, values, keep, context.taskName(), context.attempt(), context.cores()));
            for (Map.Entry<Integer, Path> output : outputs.entrySet()) {
                byte[] content = remote.files().get(output.getKey());
                if (content == null) {
                    throw new io.aisprint.cluster.ClusterException("task '" + context.taskName() + "' sent back no content for its"
                            + " output file " + output.getValue().getFileName());
                }
                StagedFile.writeBack(output.getValue(), content);
            }
            result = remote.value();
        }
        if (target != null) {
            context.set(target, result);
        }
        return (R) result;
    }

    public void applyAsAction(TaskContext context) throws Exception {
        apply(context);
    }

    private static Map<String, String> labelsOf(TaskContext context) {
        return context.runtime().nodes().stream().filter(node -> node.name().equals(context.nodeName()))
                .map(io.aisprint.runtime.NodeSpec::labels).findFirst().orElse(Map.of());
    }

    private static java.util.concurrent.CompletableFuture<Object> missing(RemoteRef<?> ref) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new io.aisprint.cluster.ClusterException("no value " + ref.key() + " is kept in this process"));
    }
}
