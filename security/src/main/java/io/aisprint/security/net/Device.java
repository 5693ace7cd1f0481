package io.aisprint.security.net;

import java.util.List;

/** An enrolled 5G device: SIM identity, UE address (or pool), network slice and the groups it belongs to. */
public record Device(String sim, Ipv4Prefix address, int slice, List<String> groups) {
    public Device {
        groups = List.copyOf(groups);
    }
}
