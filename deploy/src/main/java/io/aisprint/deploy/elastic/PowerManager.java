package io.aisprint.deploy.elastic;

/** Turns worker nodes on and off (CLUES's POWERMANAGER_CLASS). Both calls return once the action is started. */
public interface PowerManager extends AutoCloseable {
    void powerOn(String node);

    void powerOff(String node);

    @Override
    default void close() {
    }
}
