package io.aisprint.cluster.internal;

import io.aisprint.cluster.ClusterConfig;
import io.aisprint.cluster.ClusterException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.events.EventType;
import org.apache.ignite.failure.StopNodeFailureHandler;
import org.apache.ignite.logger.slf4j.Slf4jLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.apache.ignite.ssl.SslContextFactory;

/** Turns a {@link ClusterConfig} into an Ignite configuration sized for small edge boxes. */
public final class IgniteConfigs {
    public static final String KEY_STORE = "node.p12";
    public static final String TRUST_STORE = "truststore.p12";
    private static final long MIB = 1024L * 1024;

    private IgniteConfigs() {
    }

    public static IgniteConfiguration build(ClusterConfig config, String role) {
        System.setProperty("IGNITE_NO_ASCII", System.getProperty("IGNITE_NO_ASCII", "true"));
        System.setProperty("IGNITE_UPDATE_NOTIFIER", System.getProperty("IGNITE_UPDATE_NOTIFIER", "false"));
        System.setProperty("IGNITE_QUIET", System.getProperty("IGNITE_QUIET", "false"));
        String name = config.node().name();
        IgniteConfiguration ignite = new IgniteConfiguration();
        ignite.setIgniteInstanceName(name);
        ignite.setConsistentId(name);
        ignite.setLocalHost(config.localHost());
        ignite.setPeerClassLoadingEnabled(false); // task classes come from the shared class path
        ignite.setMetricsLogFrequency(0);
        ignite.setGridLogger(new Slf4jLogger());
        ignite.setFailureDetectionTimeout(config.failureDetection().toMillis());
        ignite.setClientFailureDetectionTimeout(config.failureDetection().toMillis());
        ignite.setFailureHandler(new StopNodeFailureHandler()); // never halt the JVM that embeds us
        ignite.setUserAttributes(NodeAttributes.encode(config.node(), role));
        ignite.setIncludeEventTypes(EventType.EVT_NODE_JOINED, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
        ignite.setWorkDirectory(workDirectory(name).toString());
        int cores = Math.max(2, config.node().cores());
        // Jobs may wait on fetches from other members: keep spare public threads.
        ignite.setPublicThreadPoolSize(cores * 2 + 2);
        ignite.setSystemThreadPoolSize(4);
        ignite.setStripedPoolSize(2);
        ignite.setQueryThreadPoolSize(1);
        ignite.setServiceThreadPoolSize(1);
        ignite.setDataStreamerThreadPoolSize(1);
        ignite.setManagementThreadPoolSize(1);
        ignite.setPeerClassLoadingThreadPoolSize(1);
        ignite.setUtilityCachePoolSize(1);
        ignite.setAsyncCallbackPoolSize(1);
        ignite.setRebalanceThreadPoolSize(1);
        DataStorageConfiguration storage = new DataStorageConfiguration();
        storage.setSystemDataRegionConfiguration(new org.apache.ignite.configuration.SystemDataRegionConfiguration()
                .setInitialSize(16 * MIB).setMaxSize(32 * MIB));
        storage.setDefaultDataRegionConfiguration(new DataRegionConfiguration().setName("default")
                .setInitialSize(16 * MIB).setMaxSize(64 * MIB));
        ignite.setDataStorageConfiguration(storage);

        TcpDiscoveryVmIpFinder finder = new TcpDiscoveryVmIpFinder();
        finder.setAddresses(config.join());
        TcpDiscoverySpi discovery = new TcpDiscoverySpi();
        discovery.setIpFinder(finder);
        discovery.setLocalAddress(config.localHost());
        discovery.setLocalPort(config.discoveryPort());
        discovery.setLocalPortRange(config.portRange() - 1);
        discovery.setJoinTimeout(config.joinTimeout().toMillis());
        ignite.setDiscoverySpi(discovery);

        TcpCommunicationSpi communication = new TcpCommunicationSpi();
        communication.setLocalAddress(config.localHost());
        communication.setLocalPort(config.communicationPort());
        communication.setLocalPortRange(config.portRange() - 1);
        communication.setSharedMemoryPort(-1);
        // Kept values are often hundreds of KB; Ignite's 32 KB default splits each into many writes.
        int buffer = Integer.getInteger("aisprint.socketBuffer", 1024 * 1024);
        communication.setSocketSendBuffer(buffer);
        communication.setSocketReceiveBuffer(buffer);
        ignite.setCommunicationSpi(communication);

        if (config.tlsDirectory() != null) {
            ignite.setSslContextFactory(ssl(config.tlsDirectory(), config.tlsPassword()));
        }
        return ignite;
    }

    /** Mutual TLS: this node's certificate from {@code node.p12}, peers checked against {@code truststore.p12}. */
    static SslContextFactory ssl(Path directory, char[] password) {
        Path keyStore = directory.resolve(KEY_STORE);
        Path trustStore = directory.resolve(TRUST_STORE);
        for (Path required : new Path[] {keyStore, trustStore}) {
            if (!Files.isReadable(required)) {
                throw new ClusterException("TLS directory " + directory + " has no readable " + required.getFileName()
                        + ".\nIt must hold node.p12 (this node's key and certificate) and truststore.p12 (the CA"
                        + " certificates it accepts), both PKCS12.");
            }
        }
        if (password == null) {
            throw new ClusterException("TLS directory " + directory + " given but no key store password;"
                    + " set AISPRINT_TLS_PASSWORD");
        }
        SslContextFactory factory = new SslContextFactory();
        factory.setKeyStoreType("PKCS12");
        factory.setKeyStoreFilePath(keyStore.toString());
        factory.setKeyStorePassword(password.clone());
        factory.setTrustStoreType("PKCS12");
        factory.setTrustStoreFilePath(trustStore.toString());
        factory.setTrustStorePassword(password.clone());
        factory.setProtocol("TLSv1.3");
        return factory;
    }

    private static Path workDirectory(String name) {
        try {
            return Files.createTempDirectory("aisprint-ignite-" + name.replaceAll("[^A-Za-z0-9_-]", "_") + "-");
        } catch (IOException failed) {
            throw new ClusterException("cannot create a work directory for node '" + name + "': " + failed.getMessage(), failed);
        }
    }
}
