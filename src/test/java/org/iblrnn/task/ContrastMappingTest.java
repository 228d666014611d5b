package org.iblrnn.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ContrastMappingTest {

    @Test
    void iblMappingIsSquareRootScaledToThePapersTopMean() {
        ContrastMapping m = ContrastMapping.ibl();
        assertEquals(2.5, m.scale());
        assertEquals(0.5, m.exponent());
        assertEquals(2.5, m.mean(1.0), 0.0, "full contrast is the paper's top mean");
        assertEquals(0.0, m.mean(0.0), 0.0);
        assertEquals(0.625, m.mean(0.0625), 1e-15);
        assertEquals(2.5 / Math.sqrt(8), m.mean(0.125), 1e-15);
        assertEquals(1.25, m.mean(0.25), 1e-15);
        List<Double> means = m.means(TaskConfig.mouseContrasts());
        assertEquals(5, means.size());
        for (int i = 1; i < means.size(); i++) {
            assertTrue(means.get(i) > means.get(i - 1), "monotone: " + means);
        }
    }

    @Test
    void otherMappingsAreConfigurable() {
        ContrastMapping linear = new ContrastMapping(2.5, 1.0);
        assertEquals(List.of(0.0, 0.15625, 0.3125, 0.625, 2.5), linear.means(TaskConfig.mouseContrasts()));
        ContrastMapping strong = new ContrastMapping(4.0, 0.25);
        assertEquals(2.0, strong.mean(0.0625), 1e-15);
        // 0^exponent is 0 for every exponent
        assertEquals(0.0, new ContrastMapping(3, 2).mean(0.0), 0.0);
    }

    @Test
    void badValuesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ContrastMapping(0, 0.5));
        assertTrue(e.getMessage().contains("scale") && e.getMessage().contains("0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ContrastMapping(2.5, -1));
        assertTrue(e.getMessage().contains("exponent") && e.getMessage().contains("-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ContrastMapping(2.5, Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ContrastMapping.ibl().mean(1.5));
        assertTrue(e.getMessage().contains("contrast must be in [0, 1], got 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ContrastMapping.ibl().mean(-0.1));
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
    }
}
