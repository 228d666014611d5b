package org.iblrnn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The paper's table: each printed value agrees with its number, and the summary forms are stable. */
class PaperNumbersTest {

    @Test
    void printedPercentagesAndNumbersAgreeWithTheValues() {
        for (PaperNumbers.Value v : PaperNumbers.values()) {
            assertFalse(v.section().isEmpty(), v.printed());
            String t = v.printed().replace("°", "");
            if (t.endsWith("%")) {
                String digits = t.substring(0, t.length() - 1);
                int decimals = digits.contains(".") ? digits.length() - digits.indexOf('.') - 1 : 0;
                assertEquals(digits, v.percent(decimals), v.printed());
            } else if (t.matches("-?[0-9.]+")) {
                assertEquals(Double.parseDouble(t), v.value(), 0, v.printed());
            }
            assertTrue(Double.isNaN(v.value()) == Double.isNaN(v.tolerance()), v.printed());
        }
    }

    @Test
    void summariesWriteCountsAsIntegersAndWordsAsText() {
        assertEquals(73, PaperNumbers.READOUT_ANGLE_FULL.json());
        assertEquals(2, PaperNumbers.UNIT_CLUSTERS.json());
        assertEquals("small", PaperNumbers.FEEDBACK_SLOPE.json());
        assertEquals(0.8874, PaperNumbers.VARIANCE_2PCS.json());
        assertEquals(0.84 / 0.18, PaperNumbers.OBSERVATION_SLOPE_RATIO.value(), 0);
        assertEquals("85.5", PaperNumbers.FRACTION_CORRECT.percent(1));
    }

    @Test
    void matricesAreCopiedOut() {
        double[][] a = PaperNumbers.RADD_A.values();
        a[0][0] = 99;
        assertEquals(0.54, PaperNumbers.RADD_A.get(0, 0), 0);
        assertEquals(3, PaperNumbers.RADD_B.values()[0].length);
    }
}
