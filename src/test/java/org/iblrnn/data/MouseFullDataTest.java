package org.iblrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.iblrnn.analysis.behaviour.MiceSummary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The whole May 2020 export (54 mice), checked against the facts in its README and
 * reference-spec section 7. Skipped when the data folder is absent.
 */
class MouseFullDataTest {
    static final Path DATA = Path.of("..", "shared", "data", "ibl-mice-2020");

    /**
     * Zero-contrast P(choose block side) over all biased zero-contrast trials, timeouts counted as
     * not choosing it: 122,229 / 183,368 = 0.66657 (README: 66.7%); tolerance 0.001 as briefed.
     * Among responded trials only it is 122,229 / 182,439 = 0.66996.
     */
    static final double README_CHOOSE_BLOCK_SIDE = 0.667;
    static final double README_TOLERANCE = 0.001;

    @Test
    void loadsAndSummarisesAllMice() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(DATA), "mouse data not found at " + DATA.toAbsolutePath()
                + ": full-data check skipped");
        MouseData d = MouseCsv.load(DATA);
        MouseLoadReport r = d.report();
        assertEquals(54, d.mice().size());
        assertEquals(1_287_439, r.totalRows());
        assertEquals(0, r.totalSkippedRows(), r.summary());
        assertEquals(1_287_439, d.trials());
        assertEquals(573_160, r.totalLeftBlockTrials());
        assertEquals(569_869, r.totalRightBlockTrials());
        assertEquals(144_410, r.totalUnbiasedTrials());
        assertEquals(4_579, r.totalNoResponseTrials());
        assertEquals(1_652, r.totalSessions());
        assertEquals(0, r.totalCorrectnessDisagreements(), "README: correct exactly when choice has position's sign");
        assertTrue(r.skippedFiles().isEmpty());

        MiceSummary s = MiceSummary.of(d.mice(), MiceSummary.Options.defaults());
        assertEquals(README_CHOOSE_BLOCK_SIDE, s.allTrials().chooseBlockSideAll().mean(), README_TOLERANCE);
        assertEquals(183_368, s.allTrials().chooseBlockSideAll().n());
        assertEquals(182_439, s.allTrials().chooseBlockSide().n());
        assertEquals(54, s.acrossMice().chooseBlockSide().n());
        MiceSummary.BlockLengths b = s.blockLengths();
        assertEquals(20, b.min(), "reference-spec 7: non-final biased blocks last 20-99 trials");
        assertEquals(99, b.max());
        assertEquals(50.3, b.mean(), 0.05);
        assertTrue(s.allTrials().biasOf(-1).mean() > 0 && s.allTrials().biasOf(1).mean() < 0,
                "a left block shifts the psychometric midpoint to positive contrasts");
    }
}
