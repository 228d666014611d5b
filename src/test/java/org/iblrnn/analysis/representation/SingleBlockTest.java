package org.iblrnn.analysis.representation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.iblrnn.task.TrialTable;
import org.junit.jupiter.api.Test;

/** The example-block rule, its window, and the code's Fig. 6b window. */
class SingleBlockTest {
    /** Block index per trial for blocks of the given lengths. */
    static int[] blocks(int... lengths) {
        int n = 0;
        for (int l : lengths) {
            n += l;
        }
        int[] out = new int[n];
        int k = 0;
        for (int b = 0; b < lengths.length; b++) {
            for (int i = 0; i < lengths[b]; i++) {
                out[k++] = b;
            }
        }
        return out;
    }

    /** A trial table with alternating block sides (first left) and the given block lengths. */
    static TrialTable table(int... lengths) {
        int[] block = blocks(lengths);
        int n = block.length;
        int[] side = new int[n];
        int[] inBlock = new int[n];
        int[] stim = new int[n];
        for (int i = 0; i < n; i++) {
            side[i] = block[i] % 2 == 0 ? -1 : 1;
            inBlock[i] = i > 0 && block[i] == block[i - 1] ? inBlock[i - 1] + 1 : 0;
            stim[i] = side[i];
        }
        return new TrialTable("test", new int[n], block, side, inBlock, stim, new double[n], new int[n], new int[n],
                new int[n], new double[n], Map.of());
    }

    @Test
    void firstLongEnoughBlockFromTheThirdWithASuccessor() {
        assertEquals(3, SingleBlock.select(blocks(50, 30, 20, 45, 60), 40));
        assertEquals(2, SingleBlock.select(blocks(50, 30, 40, 45, 60), 40));
        // block 3 is long but last: no successor, so the fallback takes the longest middle block
        assertEquals(1, SingleBlock.select(blocks(50, 30, 20, 90), 40));
        assertEquals(2, SingleBlock.select(blocks(50, 30, 35, 90), 40));
        // fewer than three blocks
        assertEquals(0, SingleBlock.select(blocks(50, 30), 40));
        assertEquals(0, SingleBlock.select(blocks(5), 40));
        // a lower threshold takes the third block
        assertEquals(2, SingleBlock.select(blocks(50, 30, 20, 45, 60), 20));
    }

    @Test
    void invalidInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SingleBlock.select(new int[] {0, 1, 0}, 1));
        assertTrue(e.getMessage().contains("non-decreasing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SingleBlock.select(new int[0], 1));
        assertThrows(IllegalArgumentException.class, () -> SingleBlock.select(new int[] {0}, 0));
        assertThrows(IllegalArgumentException.class, () -> SingleBlock.window(table(5, 5), 7, 1, 1));
    }

    @Test
    void windowAroundTheBlockIsClippedToTheSession() {
        TrialTable t = table(50, 30, 20, 45, 60);
        SingleBlock.Window w = SingleBlock.window(t, 3, 20, 20);
        assertEquals(3, w.block());
        assertEquals(1, w.side());
        assertEquals(100, w.blockFirst());
        assertEquals(144, w.blockLast());
        assertEquals(80, w.first());
        assertEquals(164, w.last());
        assertEquals(45, w.blockLength());
        assertEquals(85, w.size());
        SingleBlock.Window edge = SingleBlock.window(t, 0, 20, 100);
        assertEquals(0, edge.first());
        assertEquals(149, edge.last());
        assertEquals(-1, edge.side());
        SingleBlock.Window end = SingleBlock.window(t, 4, 0, 20);
        assertEquals(204, end.last());
    }

    @Test
    void codeWindowRunsToTwentyTrialsAfterTheFirstSwitch() {
        SingleBlock.Window w = SingleBlock.codeWindow(table(50, 30, 20));
        assertArrayEquals(new int[] {0, 69, 0, 49}, new int[] {w.first(), w.last(), w.blockFirst(), w.blockLast()});
        SingleBlock.Window short1 = SingleBlock.codeWindow(table(50, 10));
        assertEquals(59, short1.last());
        SingleBlock.Window one = SingleBlock.codeWindow(table(12));
        assertEquals(11, one.last());
        assertFalse(one.blockLast() < one.last());
    }
}
