package io.aisprint.server.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The live view of one run as a sequence of Server-Sent Events frames: every frame is kept, so a
 * client that connects late first gets the whole run so far, then waits for the next frames.
 */
public final class RunEvents {
    /** One SSE frame: its sequence number (the SSE id), event name and JSON data. */
    public record Frame(long id, String event, String data) {
        public String text() {
            return "id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n";
        }
    }

    private final List<Frame> frames = new ArrayList<>();
    private boolean closed;

    public synchronized void publish(String event, String data) {
        if (closed) {
            return;
        }
        frames.add(new Frame(frames.size(), event, data));
        notifyAll();
    }

    /** Publishes the last frame; clients drain and end after it. */
    public synchronized void close(String event, String data) {
        publish(event, data);
        closed = true;
        notifyAll();
    }

    /** The frames from {@code from} on, waiting up to {@code waitMillis} when there are none yet (empty: none came, or closed). */
    public synchronized List<Frame> after(int from, long waitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (frames.size() <= from && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return from < frames.size() ? List.copyOf(frames.subList(from, frames.size())) : List.of();
    }

    public synchronized boolean closed() {
        return closed;
    }

    public synchronized Frame last(String event) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).event().equals(event)) {
                return frames.get(i);
            }
        }
        return null;
    }
}
