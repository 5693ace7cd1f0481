/**
 * The three nouns of aisprint: {@link io.aisprint.model.Application}, {@link io.aisprint.model.Continuum}
 * and {@link io.aisprint.model.Placement}, plus the performance declarations that join an application's
 * partitions to the continuum's resources ({@link io.aisprint.model.PerformanceTable}). Plain immutable data;
 * readers and writers live in {@code io.aisprint.model.io}.
 */
package io.aisprint.model;
