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

    /** Where published frames are also kept (the database), or a no-op. */
    public interface Sink {
        void store(long id, String event, String data);
    }

    private final List<Frame> frames = new ArrayList<>();
    private final Sink sink;
    private boolean closed;

    public RunEvents(Sink sink) {
        this.sink = sink;
    }

    public RunEvents() {
        this((id, event, data) -> { });
    }

    public synchronized void publish(String event, String data) {
        if (closed) {
            return;
        }
        Frame frame = new Frame(frames.size(), event, data);
        sink.store(frame.id(), event, data);
        frames.add(frame);
        notifyAll();
    }

    /** Publishes the last frame (not given to the sink: it is made from the stored run); clients drain and end after it. */
    public synchronized void close(String event, String data) {
        if (!closed) {
            frames.add(new Frame(frames.size(), event, data));
        }
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
