/**
 * The designer's machinery: an index-based {@link io.aisprint.placement.internal.CompiledProblem},
 * the exact {@link io.aisprint.placement.internal.Evaluator} (with incremental re-evaluation of
 * cluster-size changes), cluster sizing, the random moves, the heuristic searches, branch and bound,
 * and the multi-threaded {@link io.aisprint.placement.internal.DefaultDesigner}. Not a public API.
 */
package io.aisprint.placement.internal;
