package io.aisprint.learn.fl;

/** The JSON bodies of the FL protocol other than updates (see docs/learn.md for the exchange). */
final class Messages {
    private Messages() {
    }

    /** POST /register: a client's name, its Ed25519 public key, and the partition it asks for (-1: any free one). */
    record Register(String client, String publicKey, int index) {
    }

    /**
     * The reply: the part of the data this client trains on, and how. With {@code secureAggregation}
     * the client takes part in the masked protocol each round instead of posting its update,
     * clipping every coordinate to ±{@code secureRange} and, with client-level DP on, its change to
     * L2 norm {@code clientClip} (the server cannot clip what it cannot see).
     */
    record Assignment(String client, int index, int partitions, String partition, long seed, String model, int examplesPerClient,
                      int epochs, int batch, double learningRate, double mu, double dpSgdClip, double dpSgdNoise, String exchange,
                      int parameterCount, boolean secureAggregation, double secureRange, double clientClip) {
    }

    /** GET /task: {@code train} (with the round's global model), {@code wait} or {@code done}. */
    record Task(String status, int round, String parameters) {
    }

    /** The reply to an update: accepted, or the reason it was not. */
    record Verdict(boolean accepted, String reason) {
    }
}
