/** Plug-in points of the perf module: regression predictors for trained performance models. */
package io.aisprint.perf.spi;
