/**
 * Elasticity in the manner of CLUES: an {@link io.aisprint.deploy.elastic.ElasticityManager} watches
 * the pending work and the live worker nodes, and a {@link io.aisprint.deploy.elastic.PowerManager}
 * powers nodes on and off (local {@code aisprint worker} processes, or VMs through the IM).
 */
package io.aisprint.deploy.elastic;
