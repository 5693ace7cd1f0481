/** Runs real training jobs as local processes pinned to GPUs, with checkpoint-based preemption. */
package io.aisprint.gpu.executor;
