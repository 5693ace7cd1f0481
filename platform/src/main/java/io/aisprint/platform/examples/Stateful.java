package io.aisprint.platform.examples;

import java.io.Serializable;

/**
 * Partition code that keeps state between requests (a running counter, loaded weights). When its
 * component moves to another worker the state moves with it: exported from the old worker (which
 * then holds none) and imported into the new one, exactly once, before the new one serves.
 */
public interface Stateful {

    /** Takes the state out of this instance (it starts empty afterwards). */
    Serializable exportState();

    /** Adds a moved state to this instance's own. */
    void importState(Serializable state);

    /** The state as it is now, for reports and tests. */
    Serializable peekState();
}
