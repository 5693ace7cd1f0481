package io.aisprint.model;

/** Upper bound, in seconds, on one component's response time. */
public record LocalConstraint(String component, double maxResponseTime) {
}
