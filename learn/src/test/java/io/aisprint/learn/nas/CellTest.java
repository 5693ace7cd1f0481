package io.aisprint.learn.nas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aisprint.learn.LearnException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CellTest {
    @Test
    void theFirstStepHoldsEveryUnorderedOperatorPairOnce() {
        List<Cell> cells = Cell.singleBlocks();
        int operators = Operator.values().length;
        assertThat(cells).hasSize(operators * (operators + 1) / 2).doesNotHaveDuplicates();
        assertThat(cells).allSatisfy(cell -> assertThat(cell.size()).isEqualTo(1));
    }

    @Test
    void childrenAddOneBlockReadingTheCellInputOrAnEarlierBlock() {
        Cell parent = Cell.parse("conv3x3@-1+identity@-1", "test");
        List<Cell> children = parent.children();
        int operands = 2 * Operator.values().length; // inputs -1 and 0, each with any operator
        assertThat(children).hasSize(operands * (operands + 1) / 2).doesNotHaveDuplicates();
        for (Cell child : children) {
            assertThat(child.size()).isEqualTo(2);
            assertThat(child.blocks().get(0)).isEqualTo(parent.blocks().get(0));
        }
    }

    @Test
    void swappingABlocksOperandsGivesTheSameCell() {
        assertThat(Cell.parse("identity@-1+conv3x3@-1", "t")).isEqualTo(Cell.parse("conv3x3@-1+identity@-1", "t"));
        assertThat(Cell.parse("identity@-1+identity@-1;conv1x1@-1+maxpool3x3@0", "t").toString())
            .isEqualTo(Cell.parse("identity@-1+identity@-1;maxpool3x3@0+conv1x1@-1", "t").toString());
    }

    @Test
    void theTextFormReadsBackToTheSameCell() {
        Random random = new Random(3);
        var seen = new HashSet<Cell>();
        for (int i = 0; i < 200; i++) {
            Cell cell = Cell.random(1 + random.nextInt(5), random);
            assertThat(Cell.parse(cell.toString(), "test")).isEqualTo(cell);
            seen.add(cell);
        }
        assertThat(seen.size()).isGreaterThan(150);
    }

    @Test
    void unusedBlocksAndDepthFollowTheWiring() {
        Cell cell = Cell.parse("conv3x3@-1+identity@-1;maxpool3x3@0+identity@-1;conv1x1@-1+conv1x1@-1", "t");
        assertThat(cell.unused()).containsExactly(false, true, true);
        assertThat(cell.depth()).isEqualTo(2);
        assertThat(cell.count(Operator.IDENTITY)).isEqualTo(2);
    }

    @Test
    void badTextNamesWhereItCameFromAndWhatIsWrong() {
        assertThatThrownBy(() -> Cell.parse("conv5x5@-1+identity@-1", "models/m1/architecture.json field cell"))
            .isInstanceOf(LearnException.class).hasMessageContaining("models/m1/architecture.json field cell")
            .hasMessageContaining("unknown operator 'conv5x5'").hasMessageContaining("conv3x3");
        assertThatThrownBy(() -> Cell.parse("conv3x3@0+identity@-1", "x")).hasMessageContaining("earlier block");
        assertThatThrownBy(() -> Cell.parse("conv3x3@-1", "x")).hasMessageContaining("op@input+op@input");
    }
}
