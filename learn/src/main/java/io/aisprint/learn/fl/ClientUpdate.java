package io.aisprint.learn.fl;

/** A client's accepted contribution to one round: its model change Δ = w_client − w_global and its example count. */
public record ClientUpdate(String client, int round, float[] delta, int examples) {
}
