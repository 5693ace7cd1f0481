package io.aisprint.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.SplittableRandom;

/**
 * Loopback ports for test clusters. A fixed block (47500 ...) lets a test cluster join another one
 * running on the same machine at the same time (two builds, two worktrees) or one a crashed run
 * left behind; a block taken at a random place, checked free, makes that unlikely.
 */
public final class FreePorts {
    /** Discovery ports of a block: P .. P+9; communication ports: P+100 .. P+109. */
    public static final int RANGE = 10;
    public static final int COMMUNICATION_OFFSET = 100;

    private FreePorts() {
    }

    /**
     * The first port P of a block free right now: discovery ports P..P+9 and communication ports
     * P+100..P+109 (Ignite's two ranges), at a random place in 20000..39990, below the usual
     * ephemeral range so an outgoing connection does not take one between the check and the bind.
     */
    public static int block() {
        SplittableRandom random = new SplittableRandom();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + RANGE * random.nextInt(2_000);
            if (free(base, RANGE) && free(base + COMMUNICATION_OFFSET, RANGE)) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of loopback ports for a test cluster");
    }

    private static boolean free(int from, int count) {
        for (int port = from; port < from + count; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
