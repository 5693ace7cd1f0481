/**
 * Plug-in points: where attempts run ({@link io.aisprint.runtime.spi.NodeBackend}), how ready
 * tasks meet nodes ({@link io.aisprint.runtime.spi.SchedulingPolicy}) and how a Placement routes
 * components to resources ({@link io.aisprint.runtime.spi.TaskRouter}).
 */
package io.aisprint.runtime.spi;
