/** Where the job manager's decisions take effect: simulated jobs or real processes. */
package io.aisprint.gpu.spi;
