package io.aisprint.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random programs of reads and writes over a few data cells, run in parallel, must give exactly
 * what running them one by one gives: versioning may remove waits but never change a result.
 * Seeds are fixed, so a failure replays.
 */
class RandomProgramTest {
    private static final int CELLS = 4;
    private static final int OPERATIONS = 400;

    @Test
    void parallelRunMatchesSequentialSemantics() {
        for (long seed = 1; seed <= 6; seed++) {
            check(seed);
        }
    }

    private static void check(long seed) {
        Random random = new Random(seed);
        int[] sequential = new int[CELLS];
        List<Integer> expectedReads = new ArrayList<>();
        try (TaskRuntime runtime = TaskRuntime.local(4)) {
            List<Data<int[]>> cells = new ArrayList<>();
            for (int c = 0; c < CELLS; c++) {
                cells.add(runtime.data("cell" + c, new int[] {0}, int[]::clone));
            }
            List<TaskFuture<Integer>> reads = new ArrayList<>();
            for (int op = 1; op <= OPERATIONS; op++) {
                int c = random.nextInt(CELLS);
                int id = op;
                Data<int[]> cell = cells.get(c);
                int spin = random.nextInt(200);
                switch (random.nextInt(5)) {
                    case 0, 1 -> {
                        expectedReads.add(sequential[c]);
                        reads.add(runtime.task("read").in(cell).call(ctx -> {
                            busy(spin);
                            return ctx.get(cell)[0];
                        }));
                    }
                    case 2 -> {
                        sequential[c] = id;
                        runtime.task("out").out(cell).run(ctx -> {
                            busy(spin);
                            ctx.set(cell, new int[] {id});
                        });
                    }
                    case 3 -> {
                        sequential[c] = sequential[c] * 31 + id;
                        // In place: the copier gives this writer its own copy while readers are pending.
                        runtime.task("inout").inout(cell).run(ctx -> {
                            busy(spin);
                            int[] value = ctx.get(cell);
                            value[0] = value[0] * 31 + id;
                        });
                    }
                    default -> {
                        sequential[c] += id;
                        runtime.task("add").commutative(cell).run(ctx -> {
                            busy(spin);
                            int[] value = ctx.get(cell);
                            value[0] += id;
                        });
                    }
                }
            }
            List<Integer> actualReads = new ArrayList<>();
            reads.forEach(read -> actualReads.add(read.get()));
            assertThat(actualReads).as("reads of seed %d", seed).isEqualTo(expectedReads);
            for (int c = 0; c < CELLS; c++) {
                assertThat(runtime.waitOn(cells.get(c))[0]).as("cell %d of seed %d", c, seed).isEqualTo(sequential[c]);
            }
        }
    }

    /** A little work so tasks overlap in time without sleeping. */
    private static void busy(int rounds) {
        for (int i = 0; i < rounds * 50; i++) {
            Thread.onSpinWait();
        }
    }
}
