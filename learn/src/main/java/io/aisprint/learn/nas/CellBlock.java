package io.aisprint.learn.nas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link Cell} as a DJL block: a 1×1 preprocessing convolution to the cell's channel count,
 * then the blocks of the cell, then the sum of the unused block outputs. Input and output are
 * (batch, channels, height, width); height and width are kept.
 */
final class CellBlock extends AbstractBlock {
    private final Cell cell;
    private final int channels;
    private final Block preprocess;
    private final List<Block[]> operands = new ArrayList<>();
    private final boolean[] unused;

    CellBlock(Cell cell, int channels) {
        this.cell = cell;
        this.channels = channels;
        this.preprocess = addChildBlock("pre", Operator.convolution(channels, 1, 1));
        for (int i = 0; i < cell.size(); i++) {
            Cell.Step step = cell.blocks().get(i);
            operands.add(new Block[] {
                addChildBlock("b" + i + "a", step.op1().block(channels)),
                addChildBlock("b" + i + "b", step.op2().block(channels))});
        }
        this.unused = cell.unused();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = preprocess.forward(store, inputs, training, params).singletonOrThrow();
        List<NDArray> outputs = new ArrayList<>();
        NDArray sum = null;
        for (int i = 0; i < cell.size(); i++) {
            Cell.Step step = cell.blocks().get(i);
            NDArray a = operands.get(i)[0].forward(store, new NDList(step.input1() < 0 ? input : outputs.get(step.input1())), training, params).singletonOrThrow();
            NDArray b = operands.get(i)[1].forward(store, new NDList(step.input2() < 0 ? input : outputs.get(step.input2())), training, params).singletonOrThrow();
            NDArray out = a.add(b);
            outputs.add(out);
            if (unused[i]) {
                sum = sum == null ? out : sum.add(out);
            }
        }
        return new NDList(sum);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), channels, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        preprocess.initialize(manager, dataType, inputShapes[0]);
        Shape inner = getOutputShapes(inputShapes)[0];
        for (Block[] pair : operands) {
            pair[0].initialize(manager, dataType, inner);
            pair[1].initialize(manager, dataType, inner);
        }
    }
}
