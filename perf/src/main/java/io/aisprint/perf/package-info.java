/**
 * Performance models that predict the response time of a DNN partition on a resource of the
 * continuum: the M/G/1 queue of edge devices and VMs ({@link io.aisprint.perf.QueueModel}), the
 * warm/cold FaaS model ({@link io.aisprint.perf.FaasModel}) and network transfers
 * ({@link io.aisprint.perf.NetworkModel}). Trained regression models plug in through
 * {@link io.aisprint.perf.spi.RegressionPredictorProvider}; {@code io.aisprint.perf.aml} trains them
 * from profiling data the way aMLLibrary does and serves them.
 */
package io.aisprint.perf;
