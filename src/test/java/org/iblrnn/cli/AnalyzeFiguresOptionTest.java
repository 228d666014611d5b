package org.iblrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code analyze --figures}: the value is checked before any work, and the help lists it. */
class AnalyzeFiguresOptionTest {
    @Test
    void badValueIsAUsageErrorNamingTheOption() {
        CliTest.Result r = CliTest.run("analyze", "--run", "no-such-run", "--figures", "paper");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--figures") && r.err().contains("paper"), r.err());
    }

    @Test
    void helpDescribesBothChoices() {
        CliTest.Result r = CliTest.run("analyze", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--figures") && r.out().contains("figures-code"), r.out());
        assertTrue(r.out().contains("--reference-quirks"), r.out());
    }
}
