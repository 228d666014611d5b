package org.iblrnn.analysis.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** FixedPointConfig: documented defaults, withX variants and validation messages. */
class FixedPointConfigTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        FixedPointConfig c = FixedPointConfig.defaults();
        assertEquals(1e-20, c.tolQ());
        assertEquals(1e-12, c.tolStep());
        assertEquals(200, c.maxIterations());
        assertEquals(1e-4, c.slowQ());
        assertEquals(1e-3, c.dedupDistance());
        assertEquals(10.0, c.outlierDistanceScale());
        assertEquals(1e-3, c.marginalTol());
        assertEquals(0.05, c.lineEigenTol());
        assertEquals(3, c.lineMinPoints());
        assertEquals(256, c.numStarts());
        assertEquals(1000, c.basinMaxSteps());
    }

    @Test
    void withersChangeOneField() {
        FixedPointConfig c = FixedPointConfig.defaults();
        assertEquals(c.withMaxIterations(7), new FixedPointConfig(c.tolQ(), c.tolStep(), 7, c.slowQ(),
                c.dedupDistance(), c.outlierDistanceScale(), c.marginalTol(), c.lineEigenTol(),
                c.lineMinExplained(), c.lineMinAlignment(), c.lineMinPoints(), c.lineMinExtent(),
                c.numStarts(), c.startNoise(), c.basinMaxSteps()));
        assertEquals(0.5, c.withDedupDistance(0.5).dedupDistance());
        assertEquals(0.2, c.withStartNoise(0.2).startNoise());
        // loosening tolQ past slowQ lifts slowQ with it
        assertEquals(1e-3, c.withTolQ(1e-3).slowQ());
        assertEquals(1e-4, c.withTolQ(1e-8).slowQ());
    }

    @Test
    void invalidValuesAreRejectedWithNameAndValue() {
        FixedPointConfig c = FixedPointConfig.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.withMaxIterations(0));
        assertTrue(e.getMessage().contains("maxIterations must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.withTolQ(Double.NaN));
        assertTrue(e.getMessage().contains("tolQ") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.withSlowQ(1e-30));
        assertTrue(e.getMessage().contains("slowQ must be >= tolQ"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.withLineMinExplained(1.5));
        assertTrue(e.getMessage().contains("lineMinExplained must be in (0, 1], got 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.withDedupDistance(-1));
        assertTrue(e.getMessage().contains("dedupDistance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.withLineMinPoints(1));
        assertTrue(e.getMessage().contains("lineMinPoints must be >= 2, got 1"), e.getMessage());
    }
}
