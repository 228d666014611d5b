package org.iblrnn.analysis.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.iblrnn.task.BlockLengths;
import org.junit.jupiter.api.Test;

/**
 * Tiny RNNs sized by nested validation: the inner selection sees only the outer training sessions,
 * the same seed gives the same bits, on action-kernel choices the chosen size predicts held-out
 * sessions as well as the best fixed size, names.
 */
class TinyRnnBestTest {
    private static final TinyRnn.Training SHORT = new TinyRnn.Training(0.03, 1, 5, 2, 0.2);

    private static Set<ChoiceSession> identitySet(List<ChoiceSession> l) {
        Set<ChoiceSession> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(l);
        return s;
    }

    /**
     * A spy on every candidate fit: each inner fit and the refit get sessions of the outer
     * training folds only, never one of the outer held-out fold; the inner fits get a strict part
     * of them, the refit all of them.
     */
    @Test
    void innerSelectionNeverSeesTheOuterHeldOutFold() {
        List<ChoiceSession> data = TinyRnnTest.actionKernel(10, 120, 0.8, 1.5, 5, 0.2, 0.02, 23, null);
        List<List<ChoiceSession>> outer = new ArrayList<>();
        List<List<List<ChoiceSession>>> inner = new ArrayList<>();
        TinyRnnBest best = new TinyRnnBest("rnn-best", List.of(2, 1), 3, h -> new ChoiceModel() {
            private final TinyRnn tiny = new TinyRnn("rnn", h, SHORT);

            @Override
            public String name() {
                return tiny.name();
            }

            @Override
            public FittedChoiceModel fit(List<ChoiceSession> train, long seed) {
                inner.get(inner.size() - 1).add(List.copyOf(train));
                return tiny.fit(train, seed);
            }
        });
        ChoiceModel spy = new ChoiceModel() {
            @Override
            public String name() {
                return best.name();
            }

            @Override
            public FittedChoiceModel fit(List<ChoiceSession> train, long seed) {
                outer.add(List.copyOf(train));
                inner.add(new ArrayList<>());
                return best.fit(train, seed);
            }
        };
        CrossValidation.SubjectResult r = CrossValidation.run("spy", data, List.of(spy),
                new CrossValidation.Options(5, 9), false);
        int[] fold = r.foldOfSession();
        assertEquals(5, outer.size());
        for (int f = 0; f < 5; f++) {
            Set<ChoiceSession> outerTrain = identitySet(outer.get(f));
            List<List<ChoiceSession>> fits = inner.get(f);
            assertEquals(2 * 3 + 1, fits.size(), "2 sizes x 3 inner folds + the refit");
            for (int j = 0; j < fits.size(); j++) {
                List<ChoiceSession> tr = fits.get(j);
                assertTrue(outerTrain.containsAll(identitySet(tr)), "fold " + f + " fit " + j + " outside the training folds");
                for (int i = 0; i < data.size(); i++) {
                    if (fold[i] == f) {
                        assertFalse(identitySet(tr).contains(data.get(i)), "held-out session " + i + " in fold " + f
                                + "'s inner fit " + j);
                    }
                }
                if (j < fits.size() - 1) {
                    assertTrue(tr.size() < outerTrain.size() && tr.size() >= outerTrain.size() / 2, "inner fit " + j);
                } else {
                    assertEquals(outer.get(f), tr, "the refit gets all the training sessions");
                }
            }
            ChoiceFit fit = r.scores().get(0).folds().get(f).fit();
            assertEquals("rnn-best", fit.model());
            assertEquals(3, fit.value("inner_folds"));
            double b1 = fit.value("inner_bits_n1");
            double b2 = fit.value("inner_bits_n2");
            assertTrue(b1 < 0 && b2 < 0, fit.toString());
            assertEquals(b2 > b1 ? 2 : 1, fit.value("hidden"), "best inner score wins, ties to the smaller");
        }
    }

    @Test
    void sameSeedSameBits() {
        List<ChoiceSession> data = TinyRnnTest.actionKernel(6, 100, 0.8, 1.5, 5, 0.2, 0.02, 31, null);
        TinyRnnBest best = new TinyRnnBest("gru", List.of(1, 2), 3, new TinyRnn.Training(0.03, 1, 10, 3, 0.2));
        CrossValidation.Options o = new CrossValidation.Options(3, 4);
        CrossValidation.SubjectResult a = CrossValidation.run("a", data, List.of(best), o, false);
        CrossValidation.SubjectResult b = CrossValidation.run("a", data, List.of(best), o, false);
        assertEquals(Double.doubleToLongBits(a.scores().get(0).bitsPerTrial()),
                Double.doubleToLongBits(b.scores().get(0).bitsPerTrial()));
        for (int f = 0; f < 3; f++) {
            assertArrayEquals(a.scores().get(0).folds().get(f).fit().values(),
                    b.scores().get(0).folds().get(f).fit().values());
        }
        FittedChoiceModel x = best.fit(data, 77);
        FittedChoiceModel y = best.fit(data, 77);
        FittedChoiceModel z = best.fit(data, 78);
        assertArrayEquals(x.fit().values(), y.fit().values());
        assertArrayEquals(x.probRight(data.get(0)), y.probRight(data.get(0)));
        assertFalse(java.util.Arrays.equals(x.fit().values(), z.fit().values()));
    }

    /**
     * On action-kernel choices (a one-number memory of past choices; 32 training sessions of 400
     * trials) the size chosen among {1, 2, 4} is more than one unit (measured: inner scores -0.409,
     * -0.385, -0.389 bits/trial for 1, 2, 4 units, a gap of 0.024 bits that one GRU unit leaves here)
     * and predicts 8 held-out sessions within 0.01 bits/trial of the best of the three fixed sizes
     * fitted on the same sessions (measured: 0.002 below gru-2), and 0.02 above the memoryless
     * psychometric model (measured: 0.038). Why 0.01: the chosen size is refitted with another seed
     * than the fixed fit, and two fits of one size differ by their excess held-out loss, about
     * k / (2n) nats per trial (0.004 bits for gru-2's 60 parameters on ~10,000 gradient trials),
     * plus the paired noise of two fits on 3,200 held-out trials, about 0.002 bits; choosing a size
     * that had not learnt the kernel costs about the 0.04 bits between the psychometric model and the
     * truth, which the psychometric bound catches. With 16 sessions of 300 trials one gru-4 refit
     * landed 0.02 below another seed's gru-4: too few trials to compare seeds at this tolerance.
     */
    @Test
    void chosenSizeScoresAsWellAsTheBestFixedSize() {
        List<ChoiceSession> data = TinyRnnTest.actionKernel(40, 400, 0.8, 1.5, 5, 0.2, 0.02, 17, null);
        List<ChoiceSession> train = data.subList(0, 32);
        List<ChoiceSession> test = data.subList(32, 40);
        List<Integer> sizes = List.of(1, 2, 4);
        TinyRnnBest.Fitted best = new TinyRnnBest("gru", sizes, 3, TinyRnn.Training.DEFAULT).fit(train, 5);
        double bitsBest = bits(best, test);
        double bitsPsy = bits(new Psychometric().fit(train, 5), test);
        double bestFixed = Double.NEGATIVE_INFINITY;
        ChoiceFit f = best.fit();
        StringBuilder msg = new StringBuilder("best " + bitsBest + " (hidden " + f.value("hidden") + ", inner "
                + f.value("inner_bits_n1") + " " + f.value("inner_bits_n2") + " " + f.value("inner_bits_n4")
                + "), psychometric " + bitsPsy);
        for (int h : sizes) {
            double b = bits(new TinyRnn("gru", h).fit(train, 5), test);
            bestFixed = Math.max(bestFixed, b);
            msg.append(", gru-").append(h).append(' ').append(b);
        }
        assertTrue(bitsBest > bestFixed - 0.01, msg.toString());
        assertTrue(best.fit().value("hidden") > 1, msg.toString());
        assertTrue(bitsBest > bitsPsy + 0.02, msg.toString());
        ChoiceFit fit = f;
        assertTrue(sizes.contains((int) fit.value("hidden")), msg.toString());
        assertEquals(fit.value("hidden"), ((TinyRnn.Fitted) best.chosen()).fit().value("hidden"));
        double top = Double.NEGATIVE_INFINITY;
        for (int h : sizes) {
            top = Math.max(top, fit.value("inner_bits_n" + h));
        }
        assertEquals(top, fit.value("inner_bits_n" + (int) fit.value("hidden")), msg.toString());
    }

    private static double bits(FittedChoiceModel m, List<ChoiceSession> test) {
        double ll = 0;
        int n = 0;
        for (ChoiceSession s : test) {
            ll += m.logLikelihood(s);
            n += s.responses();
        }
        return ll / n / Math.log(2);
    }

    @Test
    void aSingleSessionTakesTheSmallestSizeUnconverged() {
        List<ChoiceSession> data = TinyRnnTest.actionKernel(1, 80, 0.8, 1.5, 5, 0.2, 0.0, 41, null);
        ChoiceFit fit = new TinyRnnBest("rnn", List.of(3, 2), 3, SHORT).fit(data, 1).fit();
        assertEquals(2, fit.value("hidden"));
        assertEquals(0, fit.value("inner_folds"));
        assertTrue(Double.isNaN(fit.value("inner_bits_n2")) && Double.isNaN(fit.value("inner_bits_n3")));
        assertFalse(fit.converged());
        assertTrue(fit.note().contains("no inner validation"), fit.note());
    }

    @Test
    void namesAreParsedAndBadOnesRefused() {
        BlockLengths law = BlockLengths.TruncatedExponential.ibl();
        assertEquals("gru-best", ChoiceModels.create("gru-best", law, 0.8).name());
        assertEquals("rnn-best", ChoiceModels.create("rnn-best", law, 0.8).name());
        assertEquals(TinyRnnBest.DEFAULT_SIZES, ((TinyRnnBest) ChoiceModels.create("gru-best", law, 0.8)).sizes());
        assertEquals(List.of("psychometric", "rnn-16", "rnn-best", "gru-1", "gru-best"),
                ChoiceModels.parse("gru-best,rnn-best,gru-1,rnn-16,psychometric,gru-best"));
        assertTrue(ChoiceModels.parse("all").stream().noneMatch(TinyRnnBest::isName));
        for (String bad : new String[] {"best", "-best", "lstm-best", "gru-Best", "GRU-best", "gru-best-2", "gru_best",
            "gru-best "}) {
            String n = bad;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChoiceModels.create(n, law,
                    0.8));
            assertTrue(e.getMessage().startsWith("unknown model '" + bad + "'") && e.getMessage().contains("gru-best"),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ChoiceModels.parse("gru-bst"));
        assertThrows(IllegalArgumentException.class, () -> TinyRnnBest.named("gru-2"));
        assertThrows(IllegalArgumentException.class, () -> new TinyRnnBest("lstm"));
        assertThrows(IllegalArgumentException.class, () -> new TinyRnnBest("gru", List.of(), 3, SHORT));
        assertThrows(IllegalArgumentException.class, () -> new TinyRnnBest("gru", List.of(0, 2), 3, SHORT));
        assertThrows(IllegalArgumentException.class, () -> new TinyRnnBest("gru", List.of(2, 17), 3, SHORT));
        assertThrows(IllegalArgumentException.class, () -> new TinyRnnBest("gru", List.of(2), 1, SHORT));
    }
}
