package io.aisprint.runtime.internal;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.TaskFunction;

/** One way to run a task: a body and what the node must offer for it. */
record Implementation(Constraints constraints, TaskFunction<?> body) {
}
