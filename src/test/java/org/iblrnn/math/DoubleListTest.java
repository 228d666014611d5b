package org.iblrnn.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The shared growable array and deep copies. */
class DoubleListTest {

    @Test
    void growsPastItsCapacityAndKeepsOrder() {
        DoubleList l = new DoubleList();
        double[] want = new double[1000];
        for (int i = 0; i < want.length; i++) {
            want[i] = i * 0.5;
            l.add(want[i]);
        }
        assertEquals(1000, l.size());
        assertEquals(499.5, l.get(999), 0);
        assertArrayEquals(want, l.toArray(), 0);
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(1000));
    }

    @Test
    void deepCopiesShareNoRows() {
        double[][][] a = {{{1, 2}}, {{3}, {4, 5}}};
        double[][][] c = Arrays2.deepCopy(a);
        assertNotSame(a[1][1], c[1][1]);
        c[1][1][0] = 9;
        assertEquals(4, a[1][1][0], 0);
    }
}
