package io.aisprint.security.net;

/**
 * A MEC service devices may be allowed to reach: its entry address (an address or prefix), port
 * or inclusive port range, protocol, the MEC site it runs at and the transport node its traffic
 * takes from the breakout UPF ({@code via}; the controller can move it to another one).
 */
public record Service(String name, Ipv4Prefix address, PortRange port, Protocol protocol, String site, String via) {
}
