/** The optimizer's search: greedy construction, randomized restarts, local search, path relinking, baselines. */
package io.aisprint.gpu.internal;
