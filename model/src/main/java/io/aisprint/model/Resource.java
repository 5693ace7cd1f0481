package io.aisprint.model;

/** A candidate resource of the continuum, in one computational layer. */
public sealed interface Resource permits NodeResource, FaasResource {
    String name();

    String layer();

    ResourceKind kind();

    String description();

    /** Unit cost: per instance per hour for nodes, per second of execution for FaaS. */
    double cost();

    /** Memory in MB (per instance for nodes). */
    double memory();
}
