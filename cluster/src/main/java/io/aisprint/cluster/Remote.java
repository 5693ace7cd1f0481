package io.aisprint.cluster;

import io.aisprint.cluster.internal.RemoteTaskFunction;
import io.aisprint.runtime.Data;
import io.aisprint.runtime.TaskAction;
import io.aisprint.runtime.TaskFunction;
import java.util.List;

/**
 * Task bodies that run on the node the runtime chose. On a cluster runtime they are shipped to
 * that worker process; on the in-process runtime they simply run locally, so the same
 * application code works on both.
 *
 * <pre>{@code
 * TaskFuture<Integer> a = runtime.task("square").call(Remote.call(ctx -> 3 * 3));
 * TaskFuture<Integer> b = runtime.task("inc").in(a)
 *         .call(Remote.call(ctx -> ctx.<Integer>arg(0) + 1, a));
 * }</pre>
 *
 * Inputs may be {@link io.aisprint.runtime.TaskFuture}s, {@link Data}, {@link java.nio.file.Path}s
 * of declared file parameters (staged to the worker), {@link RemoteRef}s or constants; each
 * future, data or file must also be declared on the task builder ({@code in(...)}, {@code fileIn(...)}).
 */
public final class Remote {
    private Remote() {
    }

    /** A body returning its result to the driver. */
    public static <R> TaskFunction<R> call(RemoteFunction<R> body, Object... inputs) {
        return new RemoteTaskFunction<>(body, List.of(inputs), RemoteTaskFunction.Mode.RETURN, null);
    }

    /** A body whose (large) result stays on the node that produced it; the future holds a reference. */
    public static <R> TaskFunction<RemoteRef<R>> keep(RemoteFunction<R> body, Object... inputs) {
        return new RemoteTaskFunction<>(body, List.of(inputs), RemoteTaskFunction.Mode.KEEP, null);
    }

    /**
     * A body whose value stays on the node that produced it while its small report comes back:
     * the future holds a {@link Reported} whose value is a {@link RemoteRef}, with the worker's timing.
     */
    public static <S extends java.io.Serializable> TaskFunction<Reported<S>> keepReported(RemoteFunction<Reported<S>> body,
            Object... inputs) {
        return new RemoteTaskFunction<>(body, List.of(inputs), RemoteTaskFunction.Mode.KEEP, null);
    }

    /** A body computing the new version of an OUT/INOUT data (declare it on the builder). */
    public static <T> TaskAction update(Data<T> target, RemoteFunction<T> body, Object... inputs) {
        RemoteTaskFunction<T> function = new RemoteTaskFunction<>(body, List.of(inputs), RemoteTaskFunction.Mode.RETURN, target);
        return function::applyAsAction;
    }
}
