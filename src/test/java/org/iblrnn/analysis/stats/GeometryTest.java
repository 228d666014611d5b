package org.iblrnn.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Geometry} on constructed vectors. */
class GeometryTest {
    private static final double TOL = 1e-12;

    @Test
    void anglesOfConstructedVectors() {
        assertEquals(0.0, Geometry.angleDegrees(new double[] {1, 2, 3}, new double[] {2, 4, 6}), TOL);
        assertEquals(90.0, Geometry.angleDegrees(new double[] {1, 0, 0}, new double[] {0, 5, 0}), TOL);
        assertEquals(180.0, Geometry.angleDegrees(new double[] {1, -1}, new double[] {-3, 3}), TOL);
        assertEquals(45.0, Geometry.angleDegrees(new double[] {1, 0}, new double[] {1, 1}), TOL);
        assertEquals(135.0, Geometry.angleDegrees(new double[] {1, 0}, new double[] {-1, 1}), TOL);
        assertEquals(60.0, Geometry.angleDegrees(new double[] {1, 0}, new double[] {0.5, Math.sqrt(3) / 2}), 1e-12);
    }

    @Test
    void tinyAnglesAreAccurate() {
        // arccos would give 0 or ~1.5e-6 degrees here; the half-angle formula keeps the digits
        double eps = 1e-10;
        double expected = Math.toDegrees(Math.atan(eps));
        assertEquals(expected, Geometry.angleDegrees(new double[] {1, 0}, new double[] {1, eps}), 1e-6 * expected);
        double nearPi = Geometry.angleDegrees(new double[] {1, 0}, new double[] {-1, eps});
        assertEquals(180.0 - expected, nearPi, 1e-12);
        assertTrue(nearPi < 180.0);
    }

    @Test
    void angleWithinASubspace() {
        double[][] plane = {{1, 0, 0}, {0, 1, 0}};
        // projections (1, 0) and (1, 1): 45 degrees in the plane, whatever the third component
        assertEquals(45.0, Geometry.angleInSubspaceDegrees(new double[] {1, 0, 5}, new double[] {1, 1, -3}, plane),
                TOL);
        double full = Geometry.angleDegrees(new double[] {1, 0, 5}, new double[] {1, 1, -3});
        assertTrue(full > 90);
        // a rotated basis of the same plane gives the same angle
        double s = Math.sqrt(0.5);
        double[][] rotated = {{s, s, 0}, {-s, s, 0}};
        assertEquals(45.0, Geometry.angleInSubspaceDegrees(new double[] {1, 0, 5}, new double[] {1, 1, -3}, rotated),
                1e-12);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Geometry.angleInSubspaceDegrees(new double[] {0, 0, 1}, new double[] {1, 0, 0}, plane));
        assertTrue(ex.getMessage().startsWith("a must have a non-zero projection"), ex.getMessage());
    }

    @Test
    void fractionInsideASubspaceAndProjection() {
        double[][] line = {{1, 0, 0}};
        assertEquals(0.6, Geometry.fractionInSubspace(new double[] {3, 4, 0}, line), TOL);
        double[][] plane = {{1, 0, 0}, {0, 1, 0}};
        assertEquals(1.0, Geometry.fractionInSubspace(new double[] {3, 4, 0}, plane), TOL);
        assertEquals(0.0, Geometry.fractionInSubspace(new double[] {0, 0, 2}, plane), TOL);
        assertArrayEquals(new double[] {3, 4, 0}, Geometry.project(new double[] {3, 4, 7}, plane), TOL);
        assertArrayEquals(new double[] {3, 4}, Geometry.coordinates(new double[] {3, 4, 7}, plane), TOL);
        assertArrayEquals(new double[] {0.6, 0.8}, Geometry.normalise(new double[] {3, 4}), TOL);
        assertEquals(5.0, Geometry.norm(new double[] {3, 4}), TOL);
        assertEquals(5e200, Geometry.norm(new double[] {3e200, 4e200}), 1e188);
    }

    @Test
    void argumentErrors() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Geometry.angleDegrees(new double[] {0, 0}, new double[] {1, 0}));
        assertEquals("a must be non-zero, got the zero vector", zero.getMessage());
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> Geometry.angleDegrees(new double[] {1, 0}, new double[] {1, 0, 0}));
        assertEquals("b must have length 2, got 3", len.getMessage());
        IllegalArgumentException basis = assertThrows(IllegalArgumentException.class,
                () -> Geometry.fractionInSubspace(new double[] {1, 0}, new double[][] {{1, 0}, {1, 1}}));
        assertTrue(basis.getMessage().startsWith("basis must have orthonormal rows"), basis.getMessage());
    }
}
