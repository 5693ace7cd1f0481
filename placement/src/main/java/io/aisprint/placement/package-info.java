/**
 * The placement designer (SPACE4AI-D): evaluate a {@link io.aisprint.model.Placement} exactly
 * ({@link io.aisprint.placement.PlacementEvaluator}), search for the cheapest feasible one
 * ({@link io.aisprint.placement.Designer}), find the largest load a placement sustains
 * ({@link io.aisprint.placement.MaximumLoad}) and explain infeasibility in user terms
 * ({@link io.aisprint.placement.InfeasibilityExplainer}). The compiled problem, the evaluator, the
 * searches and the sentences that explain broken rules live in {@code internal}; this package only
 * calls them, it reads none of their arrays.
 */
package io.aisprint.placement;
