/**
 * The task runtime's public API: declare tasks with {@link io.aisprint.runtime.TaskRuntime#task},
 * pass {@link io.aisprint.runtime.TaskFuture}s and {@link io.aisprint.runtime.Data} with a
 * {@link io.aisprint.runtime.Direction}, and the runtime orders and runs them on a pool of nodes.
 * Errors are {@link io.aisprint.runtime.TaskRuntimeException}s carrying an
 * {@link io.aisprint.runtime.ErrorCode} and a message meant for users.
 */
package io.aisprint.runtime;
