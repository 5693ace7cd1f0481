/** The trust layer: attestation and secrets, measured boot, network policy and IoT data access control. */
package io.aisprint.security;
