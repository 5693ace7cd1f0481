/**
 * The placement designer (SPACE4AI-D): evaluate a {@link io.aisprint.model.Placement} exactly
 * ({@link io.aisprint.placement.PlacementEvaluator}), search for the cheapest feasible one
 * ({@link io.aisprint.placement.Designer}), find the largest load a placement sustains
 * ({@link io.aisprint.placement.MaximumLoad}) and explain infeasibility in user terms
 * ({@link io.aisprint.placement.InfeasibilityExplainer}). The search machinery lives in
 * {@code internal}.
 */
package io.aisprint.placement;
