package org.iblrnn.analysis.representation;

import org.iblrnn.task.TrialTable;

/**
 * The deterministic choice of the example block drawn trial by trial (Fig. 6b) and in the PCA
 * plane (Figs. 4b-c, 6b), and the window of trials around it.
 *
 * <p>Rule ({@link #select}): the first block, counting from the third (index 2: the first block
 * starts from the zero state, and the second is entered from that transient), that has at least
 * {@code minLength} trials and is followed by another block in the session; if none qualifies,
 * the longest block with a predecessor and a successor (the first such on ties); if the session has
 * fewer than three blocks, block 0. The companion block of Figs. 4b-c is the next one (sides
 * alternate, so it is on the other side).
 *
 * <p>Window ({@link #window}): {@code before} trials of the previous block (the belief before the
 * switch), the whole block, and {@code after} trials of the next one (the switch out), clipped to
 * the session. The paper code's window (reference-spec 5.6) is {@link #codeWindow}: from the first
 * trial of the session to 20 trials after its first block switch.
 */
public final class SingleBlock {
    private SingleBlock() {
    }

    /** Default minimum length of the example block, trials. */
    public static final int MIN_LENGTH = 40;
    /** Trials of the previous block shown by default. */
    public static final int BEFORE = 20;
    /** Trials of the next block shown by default. */
    public static final int AFTER = 20;

    /**
     * Trials [first, last] around {@code block}, whose own trials are [blockFirst, blockLast].
     *
     * @param block      the block index
     * @param side       its side (-1 left, +1 right)
     * @param first      first trial of the window
     * @param last       last trial of the window (inclusive)
     * @param blockFirst first trial of the block
     * @param blockLast  last trial of the block (inclusive)
     */
    public record Window(int block, int side, int first, int last, int blockFirst, int blockLast) {
        /** Number of trials in the window. */
        public int size() {
            return last - first + 1;
        }

        /** Number of trials in the block. */
        public int blockLength() {
            return blockLast - blockFirst + 1;
        }
    }

    /**
     * The example block (see the class documentation).
     *
     * @param blockOfTrial block index per trial, non-decreasing, shape [T], T &gt;= 1
     * @param minLength    fewest trials of a qualifying block, &gt;= 1
     */
    public static int select(int[] blockOfTrial, int minLength) {
        if (blockOfTrial.length == 0) {
            throw new IllegalArgumentException("blockOfTrial must hold at least one trial, got 0");
        }
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength must be >= 1, got " + minLength);
        }
        for (int i = 0; i < blockOfTrial.length; i++) {
            if (blockOfTrial[i] < 0 || (i > 0 && blockOfTrial[i] < blockOfTrial[i - 1])) {
                throw new IllegalArgumentException("blockOfTrial must be non-negative and non-decreasing, got "
                        + (i > 0 ? blockOfTrial[i - 1] + " then " : "") + blockOfTrial[i] + " at trial " + i);
            }
        }
        int blocks = blockOfTrial[blockOfTrial.length - 1] + 1;
        int[] length = new int[blocks];
        for (int b : blockOfTrial) {
            length[b]++;
        }
        if (blocks < 3) {
            return 0;
        }
        for (int b = 2; b < blocks - 1; b++) {
            if (length[b] >= minLength) {
                return b;
            }
        }
        int best = 1;
        for (int b = 1; b < blocks - 1; b++) {
            if (length[b] > length[best]) {
                best = b;
            }
        }
        return best;
    }

    /**
     * The window around a block.
     *
     * @param before trials of the previous block to include, &gt;= 0
     * @param after  trials of the next block to include, &gt;= 0
     */
    public static Window window(TrialTable trials, int block, int before, int after) {
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("before and after must be >= 0, got " + before + ", " + after);
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < trials.size(); i++) {
            if (trials.blockAt(i) == block) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException("block " + block + " has no trials in the table");
        }
        return new Window(block, trials.blockSideAt(first), Math.max(0, first - before),
                Math.min(trials.size() - 1, last + after), first, last);
    }

    /** The paper code's window: trials 0 to 20 after the first block switch (the whole session if none). */
    public static Window codeWindow(TrialTable trials) {
        int switchAt = -1;
        for (int i = 1; i < trials.size() && switchAt < 0; i++) {
            if (trials.blockAt(i) != trials.blockAt(i - 1)) {
                switchAt = i;
            }
        }
        int blockLast = switchAt < 0 ? trials.size() - 1 : switchAt - 1;
        int last = switchAt < 0 ? trials.size() - 1 : Math.min(trials.size() - 1, switchAt + 19);
        return new Window(trials.blockAt(0), trials.blockSideAt(0), 0, last, 0, blockLast);
    }
}
