package io.aisprint.security.net;

/**
 * An operator ACL entry, checked after the per-UE terminations: a null field is a wildcard.
 * Higher priority wins; {@code action} is drop, punt (to the controller) or pass.
 */
public record AclRule(int priority, Ipv4Prefix source, Ipv4Prefix destination, Protocol protocol, PortRange destinationPort, String action) {
}
