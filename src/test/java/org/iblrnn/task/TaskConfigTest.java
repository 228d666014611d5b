package org.iblrnn.task;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TaskConfigTest {
    private static final TaskConfig P = TaskConfig.paper();

    /** A config equal to the paper's except for the named override (null = keep). */
    private static TaskConfig with(Integer blocks, BlockLengths law, Double concordance, List<Double> contrasts,
                                   Double noiseSd, Integer blank, Integer maxObs, Double threshold, Double wait,
                                   Double correct, Double error, Double timeout) {
        return new TaskConfig(
                blocks != null ? blocks : P.blocksPerSession(),
                law != null ? law : P.blockLengths(),
                concordance != null ? concordance : P.concordance(),
                contrasts != null ? contrasts : P.contrasts(),
                noiseSd != null ? noiseSd : P.noiseSd(),
                blank != null ? blank : P.blankSteps(),
                maxObs != null ? maxObs : P.maxObservations(),
                threshold != null ? threshold : P.actionThreshold(),
                wait != null ? wait : P.waitReward(),
                correct != null ? correct : P.correctReward(),
                error != null ? error : P.errorReward(),
                timeout != null ? timeout : P.timeoutReward());
    }

    /** Asserts an IllegalArgumentException whose message contains every fragment. */
    private static void rejects(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        String m = ex.getMessage();
        assertTrue(m != null, "exception without a message");
        for (String f : fragments) {
            assertTrue(m.contains(f), "message \"" + m + "\" should mention \"" + f + "\"");
        }
    }

    @Test
    void paperHasTheReferenceConstants() {
        assertEquals(4, P.blocksPerSession());
        assertEquals(new BlockLengths.TruncatedGeometric(0.02, 20, 100), P.blockLengths());
        assertEquals(0.8, P.concordance());
        assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0, 2.5), P.contrasts());
        assertEquals(1.0, P.noiseSd());
        assertEquals(2, P.blankSteps());
        assertEquals(10, P.maxObservations());
        assertEquals(0.9, P.actionThreshold());
        assertEquals(-0.05, P.waitReward());
        assertEquals(1.0, P.correctReward());
        assertEquals(-1.0, P.errorReward());
        assertEquals(-1.0, P.timeoutReward());
        assertEquals(12, P.maxStepsPerTrial());
        assertEquals(4 * 100 * 12, P.maxStepsPerSession());
        assertEquals(P, TaskConfig.paper(), "paper() is a value");
    }

    @Test
    void linspaceIsInclusiveAndEven() {
        assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0, 2.5), TaskConfig.linspace(0, 2.5, 6));
        assertEquals(List.of(1.0), TaskConfig.linspace(1, 3, 1));
        assertEquals(List.of(-1.0, 1.0), TaskConfig.linspace(-1, 1, 2));
        assertEquals(List.of(), TaskConfig.linspace(0, 1, 0));
    }

    @Test
    void withersChangeOnlyTheirField() {
        BlockLengths h = new BlockLengths.Hazard(0.1, 3, 9);
        assertEquals(with(7, null, null, null, null, null, null, null, null, null, null, null),
                P.withBlocksPerSession(7));
        assertEquals(with(null, h, null, null, null, null, null, null, null, null, null, null),
                P.withBlockLengths(h));
        assertEquals(with(null, null, 0.6, null, null, null, null, null, null, null, null, null),
                P.withConcordance(0.6));
        assertEquals(with(null, null, null, List.of(1.0, 2.0), null, null, null, null, null, null, null, null),
                P.withContrasts(List.of(1.0, 2.0)));
        assertEquals(with(null, null, null, null, null, null, 3, null, null, null, null, null),
                P.withMaxObservations(3));
        assertEquals(TaskConfig.paper(), P, "withers do not mutate");
        TaskConfig hz = P.withBlockLengths(h);
        assertEquals(4 * 10 * 12, hz.maxStepsPerSession(), "uses the law's maxLength (maxTrials + 1)");
    }

    @Test
    void contrastsAreCopiedAndImmutable() {
        List<Double> c = new ArrayList<>(List.of(0.0, 1.0));
        TaskConfig cfg = P.withContrasts(c);
        c.set(0, 5.0);
        c.add(6.0);
        assertEquals(List.of(0.0, 1.0), cfg.contrasts());
        assertThrows(UnsupportedOperationException.class, () -> cfg.contrasts().add(2.0));
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertDoesNotThrow(() -> P.withConcordance(0.0));
        assertDoesNotThrow(() -> P.withConcordance(1.0));
        assertDoesNotThrow(() -> P.withBlocksPerSession(1));
        assertDoesNotThrow(() -> P.withMaxObservations(1));
        assertDoesNotThrow(() -> P.withContrasts(List.of(0.0)));
        assertDoesNotThrow(() -> with(null, null, null, null, null, 0, null, null, null, null, null, null));
        assertDoesNotThrow(() -> with(null, null, null, null, null, null, null, 0.5, null, null, null, null));
        assertDoesNotThrow(() -> P.withBlocksPerSession(1000), "analysis sessions must be allowed");
    }

    @Test
    void sizesMustBePositive() {
        rejects(() -> P.withBlocksPerSession(0), "blocks per session", "0");
        rejects(() -> P.withBlocksPerSession(-3), "blocks per session", "-3");
        rejects(() -> P.withMaxObservations(0), "observations per trial", "0");
        rejects(() -> P.withMaxObservations(-2), "observations per trial", "-2");
        rejects(() -> with(null, null, null, null, null, -1, null, null, null, null, null, null),
                "blank steps", "-1");
        rejects(() -> with(null, null, null, null, 0.0, null, null, null, null, null, null, null),
                "noise sd", "0.0");
        rejects(() -> with(null, null, null, null, -1.5, null, null, null, null, null, null, null),
                "noise sd", "-1.5");
        rejects(() -> with(null, null, null, null, Double.POSITIVE_INFINITY, null, null, null, null, null, null, null),
                "noise sd", "Infinity");
        rejects(() -> with(null, null, null, null, Double.NaN, null, null, null, null, null, null, null),
                "noise sd", "NaN");
    }

    @Test
    void probabilitiesMustBeInUnitInterval() {
        rejects(() -> P.withConcordance(-0.1), "concordance", "-0.1");
        rejects(() -> P.withConcordance(1.2), "concordance", "1.2");
        rejects(() -> P.withConcordance(Double.NaN), "concordance", "NaN");
        rejects(() -> P.withBlockLengths(new BlockLengths.TruncatedGeometric(1.01, 20, 100)), "probability", "1.01");
        rejects(() -> with(null, null, null, null, null, null, null, 0.45, null, null, null, null),
                "action threshold", "0.45");
        rejects(() -> with(null, null, null, null, null, null, null, 1.0, null, null, null, null),
                "action threshold", "1.0");
        rejects(() -> with(null, null, null, null, null, null, null, Double.NaN, null, null, null, null),
                "action threshold", "NaN");
    }

    @Test
    void blockLengthLawMustBeValid() {
        rejects(() -> P.withBlockLengths(new BlockLengths.TruncatedGeometric(0.02, 101, 100)),
                "minimum block length", "maximum block length", "101", "100");
        rejects(() -> P.withBlockLengths(new BlockLengths.Hazard(0.02, 0, 100)), "minimum block length", "0");
        rejects(() -> P.withBlockLengths(null), "block lengths");
    }

    @Test
    void contrastsMustBeNonEmptyFiniteAndNonNegative() {
        rejects(() -> P.withContrasts(List.of()), "contrasts", "empty");
        rejects(() -> P.withContrasts(null), "contrasts");
        rejects(() -> P.withContrasts(List.of(0.0, -0.5)), "contrasts", "-0.5");
        rejects(() -> P.withContrasts(List.of(Double.NaN)), "contrasts", "NaN");
        rejects(() -> P.withContrasts(List.of(Double.POSITIVE_INFINITY)), "contrasts", "Infinity");
    }

    @Test
    void nullContrastElementIsAnIllegalArgument() {
        rejects(() -> P.withContrasts(Arrays.asList(0.0, null)), "contrasts");
    }

    @Test
    void rewardsMustBeFinite() {
        rejects(() -> with(null, null, null, null, null, null, null, null, Double.NaN, null, null, null),
                "wait reward", "NaN");
        rejects(() -> with(null, null, null, null, null, null, null, null, null, Double.POSITIVE_INFINITY, null, null),
                "correct reward", "Infinity");
        rejects(() -> with(null, null, null, null, null, null, null, null, null, null, Double.NEGATIVE_INFINITY, null),
                "error reward", "-Infinity");
        rejects(() -> with(null, null, null, null, null, null, null, null, null, null, null, Double.NaN),
                "timeout reward", "NaN");
    }

    @Test
    void oversizedSessionsAreRejected() {
        // 100,000 blocks x 100 trials x 12 steps = 1.2e8 > 5e7
        rejects(() -> P.withBlocksPerSession(100_000), "120000000", "50000000");
        // 41,666 blocks: 49,999,200 steps, just allowed
        assertDoesNotThrow(() -> P.withBlocksPerSession(41_666));
        rejects(() -> P.withBlocksPerSession(41_667), "50000400");
    }

    // --- unbiased opening block and the IBL mouse protocol ---------------------------------------

    @Test
    void unbiasedTrialsDefaultToZeroAndHaveAWither() {
        assertEquals(0, P.unbiasedTrials());
        assertEquals(4, P.blocksInSession());
        TaskConfig u = P.withUnbiasedTrials(90);
        assertEquals(90, u.unbiasedTrials());
        assertEquals(5, u.blocksInSession());
        assertEquals(P, u.withUnbiasedTrials(0), "only the field changes");
        assertEquals((4 * 100 + 90) * 12, u.maxStepsPerSession());
        // every other wither keeps the field
        assertEquals(90, u.withBlocksPerSession(7).unbiasedTrials());
        assertEquals(90, u.withBlockLengths(new BlockLengths.Hazard(0.1, 3, 9)).unbiasedTrials());
        assertEquals(90, u.withConcordance(0.6).unbiasedTrials());
        assertEquals(90, u.withContrasts(List.of(1.0)).unbiasedTrials());
        assertEquals(90, u.withMaxObservations(3).unbiasedTrials());
        // the 12-argument constructor is the paper's form (no unbiased block)
        assertEquals(P, with(null, null, null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void unbiasedTrialsMustBeNonNegativeAndBounded() {
        rejects(() -> P.withUnbiasedTrials(-1), "unbiased trials", "must be >= 0", "-1");
        rejects(() -> P.withUnbiasedTrials(1_000_001), "unbiased trials", "1000001");
        rejects(() -> P.withBlocksPerSession(40_000).withUnbiasedTrials(900_000), "steps");
    }

    @Test
    void iblMouseTaskFollowsTheRig() {
        TaskConfig m = TaskConfig.iblMouse();
        assertEquals(14, m.blocksPerSession());
        assertEquals(TaskConfig.IBL_BLOCKS_PER_SESSION, m.blocksPerSession());
        assertEquals(90, m.unbiasedTrials());
        assertEquals(new BlockLengths.TruncatedExponential(60, 20, 100), m.blockLengths());
        assertEquals(0.8, m.concordance());
        assertEquals(List.of(0.0, 0.0625, 0.125, 0.25, 1.0), TaskConfig.mouseContrasts());
        List<Double> means = m.contrasts();
        double[] expected = {0, 0.625, 0.8838834764831844, 1.25, 2.5};
        assertEquals(expected.length, means.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], means.get(i), 1e-12, "mean of contrast " + TaskConfig.mouseContrasts().get(i));
        }
        TaskConfig rest = P.withBlocksPerSession(14).withUnbiasedTrials(90).withBlockLengths(m.blockLengths())
                .withContrasts(means);
        assertEquals(rest, m, "everything else is the paper's");
        assertEquals((14 * 99 + 90) * 12, m.maxStepsPerSession());
        assertEquals(m, TaskConfig.iblMouse(), "iblMouse() is a value");
    }
}
