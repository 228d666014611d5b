package org.iblrnn.analysis.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Cross-validation never lets a held-out session reach a fit. */
class CrossValidationTest {

    /** A model that records what it was fitted on and what it predicted. */
    private static final class Spy implements ChoiceModel {
        final List<Set<ChoiceSession>> fitted = Collections.synchronizedList(new ArrayList<>());
        final List<Set<ChoiceSession>> predicted = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String name() {
            return "spy";
        }

        @Override
        public FittedChoiceModel fit(List<ChoiceSession> train, long seed) {
            Set<ChoiceSession> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            seen.addAll(train);
            fitted.add(seen);
            Set<ChoiceSession> pred = Collections.newSetFromMap(new IdentityHashMap<>());
            predicted.add(pred);
            ChoiceFit fit = new ChoiceFit("spy", List.of(), new double[0], 0, 0, 0, true, "");
            return new FittedChoiceModel() {
                @Override
                public double[] probRight(ChoiceSession s) {
                    pred.add(s);
                    double[] p = new double[s.length()];
                    java.util.Arrays.fill(p, 0.5);
                    return p;
                }

                @Override
                public ChoiceFit fit() {
                    return fit;
                }
            };
        }
    }

    private static List<ChoiceSession> sessions(int n) {
        return ChoiceSimulator.simulate(new ChoiceSimulator.Truth("none", 0, 3, 5, 0.05, 0.05, 0, 0, 0.05), n, 10, 1, 3);
    }

    @Test
    void foldsNeverShareASessionAndTrainingNeverSeesTheHeldOutFold() {
        List<ChoiceSession> data = sessions(23);
        Spy spy = new Spy();
        CrossValidation.SubjectResult r = CrossValidation.run("m", data, List.of(spy), new CrossValidation.Options(5, 9),
                false);
        assertEquals(5, spy.fitted.size());
        int[] fold = r.foldOfSession();
        int[] sizes = new int[5];
        for (int f : fold) {
            sizes[f]++;
        }
        for (int s : sizes) {
            assertTrue(s == 4 || s == 5, "fold sizes differ by at most one: " + java.util.Arrays.toString(sizes));
        }
        for (int f = 0; f < 5; f++) {
            for (int i = 0; i < data.size(); i++) {
                boolean heldOut = fold[i] == f;
                assertEquals(!heldOut, spy.fitted.get(f).contains(data.get(i)), "fold " + f + " session " + i);
                assertEquals(heldOut, spy.predicted.get(f).contains(data.get(i)), "fold " + f + " session " + i);
            }
        }
        // every session held out exactly once, every response scored once, chance = -1 bit
        CrossValidation.ModelScore s = r.score("spy");
        assertEquals(data.stream().mapToInt(ChoiceSession::responses).sum(), s.trials());
        assertEquals(-1.0, s.bitsPerTrial(), 1e-12);
        assertEquals(0.0, s.bitsVsChance(), 1e-12);
    }

    @Test
    void everyModelGetsTheSameFoldsAndTheSameSeedGivesTheSameFolds() {
        List<ChoiceSession> data = sessions(12);
        Spy a = new Spy();
        Spy b = new Spy();
        CrossValidation.run("m", data, List.of(a, b), new CrossValidation.Options(4, 2), false);
        for (int f = 0; f < 4; f++) {
            assertEquals(a.fitted.get(f), b.fitted.get(f));
        }
        assertArrayEquals(CrossValidation.assignFolds(12, 4, 77), CrossValidation.assignFolds(12, 4, 77));
        assertTrue(!java.util.Arrays.equals(CrossValidation.assignFolds(40, 4, 77),
                CrossValidation.assignFolds(40, 4, 78)), "another seed deals other folds");
    }

    @Test
    void tooFewSessionsIsOneClearError() {
        List<ChoiceSession> data = sessions(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.run("KS004", data, List.of(new Psychometric()), new CrossValidation.Options(5, 1),
                        false));
        assertTrue(e.getMessage().startsWith("KS004: 3 sessions with a response, fewer than the 5 folds"),
                e.getMessage());
    }

    @Test
    void sessionsWithoutAResponseAreLeftOutAndCounted() {
        List<ChoiceSession> data = new ArrayList<>(sessions(6));
        ChoiceSession silent = new ChoiceSession(99, new double[] {1, 1}, new int[] {1, -1}, new int[] {0, 0},
                new double[] {0.5, 0.5}, 0);
        data.add(2, silent);
        CrossValidation.SubjectResult r = CrossValidation.run("m", data, List.of(new Psychometric()),
                new CrossValidation.Options(3, 1), false);
        assertEquals(-1, r.foldOfSession()[2]);
        int noResp = data.stream().mapToInt(s -> s.length() - s.responses()).sum();
        assertEquals(noResp, r.noResponses());
    }

    @Test
    void sameSeedSameBitsWhateverTheOrderOfModels() {
        List<ChoiceSession> data = sessions(10);
        CrossValidation.Options o = new CrossValidation.Options(5, 3);
        CrossValidation.SubjectResult a = CrossValidation.run("m", data, List.of(ExponentialKernel.action(),
                new GlmHmm(2)), o, false);
        CrossValidation.SubjectResult b = CrossValidation.run("m", data, List.of(new GlmHmm(2),
                ExponentialKernel.action()), o, false);
        for (String m : List.of("action-kernel", "glm-hmm-2")) {
            assertEquals(a.score(m).bitsPerTrial(), b.score(m).bitsPerTrial(), 0.0, m);
            assertArrayEquals(a.score(m).folds().get(1).fit().values(), b.score(m).folds().get(1).fit().values(), m);
        }
    }
}
