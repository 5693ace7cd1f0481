package io.aisprint.security.net;

/**
 * A device (by SIM) or a group may reach a service ({@code allow}), or explicitly may not
 * ({@code deny}, which wins over an allow from a group for the same device and service).
 */
public record Grant(String device, String service, boolean allow) {
}
