/**
 * The application manager: designs a placement, runs the application on the embedded continuum
 * under a workload, feeds the monitor, and re-places at run time (SPACE4AI-R) when the load changes
 * or a QoS limit is violated. {@link io.aisprint.platform.ApplicationManager} is the entry point.
 */
package io.aisprint.platform;
