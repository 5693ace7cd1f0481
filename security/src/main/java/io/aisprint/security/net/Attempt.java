package io.aisprint.security.net;

/** One scenario step: the device tries to connect to the service and {@code expectAllow} says whether it should get through. */
public record Attempt(String device, String service, boolean expectAllow) {
}
