package io.aisprint.security.net.dataplane;

import io.aisprint.security.net.Ipv4Prefix;

/** A flow the controller allowed: UE address, service address, IP protocol and service port. */
public record Flow(long ue, long service, int protocol, int port) {
    /** The nft set element {@code ue . service . proto . port}. */
    public String element() {
        return Ipv4Prefix.format(ue) + " . " + Ipv4Prefix.format(service) + " . " + protocol + " . " + port;
    }

    @Override
    public String toString() {
        return Ipv4Prefix.format(ue) + " -> " + Ipv4Prefix.format(service) + ":" + port + "/" + protocol;
    }
}
