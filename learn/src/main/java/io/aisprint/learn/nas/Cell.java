package io.aisprint.learn.nas;

import io.aisprint.learn.LearnErrorCode;
import io.aisprint.learn.LearnException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A POPNAS cell: blocks in order, block i = op1(input1) + op2(input2), where an input is
 * {@link #CELL_INPUT} (the cell's input after its 1×1 preprocessing) or an earlier block's output.
 * The cell's output is the sum of the blocks no later block reads. The two operands of a block are
 * kept in a canonical order, so cells that differ only by swapping them are one cell.
 *
 * <p>Text form (used in front.json and saved models): blocks separated by {@code ;}, each
 * {@code op@input+op@input}, e.g. {@code conv3x3@-1+identity@-1;maxpool3x3@0+dwsep3x3@-1}.
 */
public record Cell(List<Step> blocks) {
    public static final int CELL_INPUT = -1;

    /** One block: two (input, operator) operands, summed. */
    public record Step(int input1, Operator op1, int input2, Operator op2) {
        static Step canonical(int inputA, Operator opA, int inputB, Operator opB) {
            boolean swap = inputA > inputB || (inputA == inputB && opA.ordinal() > opB.ordinal());
            return swap ? new Step(inputB, opB, inputA, opA) : new Step(inputA, opA, inputB, opB);
        }

        @Override
        public String toString() {
            return op1.label() + "@" + input1 + "+" + op2.label() + "@" + input2;
        }
    }

    public Cell {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a cell has at least one block");
        }
        for (int i = 0; i < blocks.size(); i++) {
            Step step = blocks.get(i);
            if (step.input1() < CELL_INPUT || step.input1() >= i || step.input2() < CELL_INPUT || step.input2() >= i) {
                throw new IllegalArgumentException("block " + i + " reads an input that is not the cell input or an earlier block: " + step);
            }
        }
    }

    public int size() {
        return blocks.size();
    }

    /** Blocks whose output no later block reads: their sum is the cell's output. */
    public boolean[] unused() {
        boolean[] unused = new boolean[blocks.size()];
        Arrays.fill(unused, true);
        for (Step step : blocks) {
            if (step.input1() >= 0) {
                unused[step.input1()] = false;
            }
            if (step.input2() >= 0) {
                unused[step.input2()] = false;
            }
        }
        return unused;
    }

    /** Every one-block cell: all unordered operator pairs on the cell input. */
    public static List<Cell> singleBlocks() {
        Set<Cell> cells = new LinkedHashSet<>();
        for (Operator a : Operator.values()) {
            for (Operator b : Operator.values()) {
                cells.add(new Cell(List.of(Step.canonical(CELL_INPUT, a, CELL_INPUT, b))));
            }
        }
        return new ArrayList<>(cells);
    }

    /** Every cell with one more block appended (POPNAS's expansion step), duplicates removed. */
    public List<Cell> children() {
        int index = blocks.size();
        Set<Cell> children = new LinkedHashSet<>();
        for (int inputA = CELL_INPUT; inputA < index; inputA++) {
            for (Operator a : Operator.values()) {
                for (int inputB = CELL_INPUT; inputB < index; inputB++) {
                    for (Operator b : Operator.values()) {
                        List<Step> grown = new ArrayList<>(blocks);
                        grown.add(Step.canonical(inputA, a, inputB, b));
                        children.add(new Cell(grown));
                    }
                }
            }
        }
        return new ArrayList<>(children);
    }

    /** A random cell of {@code size} blocks (the random-search baseline's draw). */
    public static Cell random(int size, java.util.Random random) {
        List<Step> steps = new ArrayList<>();
        Operator[] ops = Operator.values();
        for (int i = 0; i < size; i++) {
            steps.add(Step.canonical(random.nextInt(i + 1) - 1, ops[random.nextInt(ops.length)],
                random.nextInt(i + 1) - 1, ops[random.nextInt(ops.length)]));
        }
        return new Cell(steps);
    }

    /** Longest chain of blocks from the cell input to the output. */
    public int depth() {
        int[] depth = new int[blocks.size()];
        int deepest = 0;
        for (int i = 0; i < blocks.size(); i++) {
            Step step = blocks.get(i);
            depth[i] = 1 + Math.max(step.input1() < 0 ? 0 : depth[step.input1()], step.input2() < 0 ? 0 : depth[step.input2()]);
            deepest = Math.max(deepest, depth[i]);
        }
        return deepest;
    }

    public int count(Operator operator) {
        int count = 0;
        for (Step step : blocks) {
            count += (step.op1() == operator ? 1 : 0) + (step.op2() == operator ? 1 : 0);
        }
        return count;
    }

    @Override
    public String toString() {
        return String.join(";", blocks.stream().map(Step::toString).toList());
    }

    /** Reads the text form; {@code where} names the file or option for the error. */
    public static Cell parse(String text, String where) {
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(";")) {
            String[] operands = part.trim().split("\\+");
            if (operands.length != 2) {
                throw invalid(where, text, "block '" + part.trim() + "' is not op@input+op@input");
            }
            int[] inputs = new int[2];
            Operator[] ops = new Operator[2];
            for (int k = 0; k < 2; k++) {
                String[] pieces = operands[k].trim().split("@");
                if (pieces.length != 2) {
                    throw invalid(where, text, "operand '" + operands[k].trim() + "' is not op@input");
                }
                ops[k] = Operator.byLabel(pieces[0]).orElseThrow(() -> invalid(where, text, "unknown operator '" + pieces[0].trim()
                    + "': expected one of " + Arrays.stream(Operator.values()).map(Operator::label).toList()));
                try {
                    inputs[k] = Integer.parseInt(pieces[1].trim());
                } catch (NumberFormatException e) {
                    throw invalid(where, text, "input '" + pieces[1].trim() + "' is not a number");
                }
            }
            steps.add(Step.canonical(inputs[0], ops[0], inputs[1], ops[1]));
        }
        try {
            return new Cell(steps);
        } catch (IllegalArgumentException e) {
            throw invalid(where, text, e.getMessage());
        }
    }

    private static LearnException invalid(String where, String text, String what) {
        return new LearnException(LearnErrorCode.INVALID_OPTION, where + ": cell '" + text + "': " + what + ".");
    }

    /** Orders cells by size, then text (a stable order for enumeration and output). */
    public static final Comparator<Cell> ORDER = Comparator.comparingInt(Cell::size).thenComparing(Cell::toString);
}
