package io.aisprint.security.net.pipeline;

/** The header fields the pipeline looks at; addresses are unsigned 32-bit values. */
public record Packet(long source, long destination, int protocol, int sourcePort, int destinationPort, int bytes) {
}
