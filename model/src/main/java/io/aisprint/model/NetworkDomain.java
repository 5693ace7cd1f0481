package io.aisprint.model;

import java.util.List;

/**
 * A network domain joining computational layers.
 *
 * @param accessDelay seconds
 * @param bandwidth   megabits per second (transfer time = access delay + MB / bandwidth, as the C++ tool)
 */
public record NetworkDomain(String name, List<String> layers, double accessDelay, double bandwidth) {
    public NetworkDomain {
        layers = List.copyOf(layers);
    }
}
