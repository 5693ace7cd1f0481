package io.aisprint.placement.internal;

/** The first rule of placement reference §2.7 a placement breaks, in the order the C++ tool checks them. */
public enum Violation {
    NONE,
    INCOMPATIBLE,
    TWO_TYPES_IN_LAYER,
    INSTANCE_BOUNDS,
    MOVE_BACK_TO_EDGE,
    NO_NETWORK_PATH,
    MEMORY,
    SATURATED,
    LOCAL_CONSTRAINT,
    GLOBAL_CONSTRAINT
}
