/** Federated learning, privacy accounting, secure aggregation, continuous training and architecture search. */
package io.aisprint.learn;
