package io.aisprint.cluster;

import java.io.Serializable;

/**
 * A task body that can run in another JVM: it is serialised with the values of its inputs and
 * its class must be on the workers' class path (peer class loading is off). Capture only
 * serialisable values; read inputs through the context.
 */
@FunctionalInterface
public interface RemoteFunction<R> extends Serializable {
    R apply(RemoteContext context) throws Exception;
}
