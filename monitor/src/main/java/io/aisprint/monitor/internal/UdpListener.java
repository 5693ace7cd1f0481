package io.aisprint.monitor.internal;

import io.aisprint.monitor.MonitorException;
import io.aisprint.monitor.Precision;
import io.aisprint.monitor.WriteOutcome;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Line protocol over UDP, as the AI-SPRINT client sends it (Telegraf's socket_listener on
 * port 8094). UDP has no answer, so bad lines are only counted and logged.
 */
public final class UdpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);

    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicLong datagrams = new AtomicLong();
    private final AtomicLong rejectedLines = new AtomicLong();

    public UdpListener(String host, int port, WriteSink sink) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(host, port));
            socket.setReceiveBufferSize(4 * 1024 * 1024);
        } catch (SocketException e) {
            throw new MonitorException(MonitorException.Kind.STORAGE, "Cannot listen for UDP on " + host + ":" + port + ": "
                    + e.getMessage() + "\nMaybe another process uses the port; pick another with --udp-port.", e);
        }
        thread = new Thread(() -> receive(sink), "udp-line-protocol");
        thread.setDaemon(true);
        thread.start();
    }

    private void receive(WriteSink sink) {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("UDP receive failed: {}", e.getMessage());
                }
                continue;
            }
            String body = new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);
            try {
                WriteOutcome outcome = sink.write(body, Precision.NANOSECONDS, Ingestor.Dialect.V1);
                datagrams.incrementAndGet();
                if (!outcome.errors().isEmpty()) {
                    rejectedLines.addAndGet(outcome.errors().size());
                    LOG.warn("UDP datagram from {} had bad lines: {}", packet.getSocketAddress(), outcome.errors().get(0).describe());
                }
            } catch (MonitorException e) {
                LOG.warn("UDP write failed: {}", e.getMessage());
            }
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    public long datagrams() {
        return datagrams.get();
    }

    public long rejectedLines() {
        return rejectedLines.get();
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
