package io.aisprint.runtime.internal;

import io.aisprint.runtime.ExternalCommand;

/** An external command attached to a task. */
record ExternalSpec(ExternalCommand command) {
}
