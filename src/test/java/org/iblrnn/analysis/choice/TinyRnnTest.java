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
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.task.BlockLengths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tiny RNNs as choice models: exact open-loop gradients, a fit to action-kernel choices that
 * predicts held-out sessions as well as the generating model, folds and early stopping that never
 * see held-out sessions, determinism, names.
 */
class TinyRnnTest {
    private static final double[] CONTRASTS = {0, 0.0625, 0.125, 0.25, 1};

    /**
     * Sessions whose choices follow the action kernel: p_{t+1} = a p_t + (1 - a) y_t (y = 1 right,
     * 0 left; p unchanged after no response), P(right) = σ(b + w tanh(5c)/tanh(5) + β(2p - 1)),
     * blocks of 50 trials with P(stimulus right) 0.8 / 0.2 after a 50-trial unbiased opening; a
     * trial has no response with probability {@code pNone}. {@code truth} (if not null) receives
     * the generating P(right) of every trial.
     */
    static List<ChoiceSession> actionKernel(int sessions, int trials, double a, double beta, double w, double b,
                                            double pNone, long seed, List<double[]> truth) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ChoiceSession> out = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            double[] contrast = new double[trials];
            int[] side = new int[trials];
            int[] choice = new int[trials];
            double[] block = new double[trials];
            double[] pr = new double[trials];
            int blockSide = rng.nextBoolean() ? 1 : -1;
            double p = 0.5;
            for (int t = 0; t < trials; t++) {
                if (t >= 50 && t % 50 == 0) {
                    blockSide = -blockSide;
                }
                block[t] = t < 50 ? 0.5 : (blockSide > 0 ? 0.8 : 0.2);
                side[t] = rng.nextDouble() < block[t] ? 1 : -1;
                contrast[t] = CONTRASTS[rng.nextInt(CONTRASTS.length)];
                double c = side[t] * contrast[t];
                double z = b + w * Math.tanh(5 * c) / Math.tanh(5) + beta * (2 * p - 1);
                pr[t] = 1 / (1 + Math.exp(-z));
                if (rng.nextDouble() < pNone) {
                    choice[t] = 0;
                    rng.nextDouble();
                } else {
                    choice[t] = rng.nextDouble() < pr[t] ? 1 : -1;
                    p = a * p + (1 - a) * (choice[t] > 0 ? 1 : 0);
                }
            }
            out.add(new ChoiceSession(s, contrast, side, choice, block, Math.min(50, trials)));
            if (truth != null) {
                truth.add(pr);
            }
        }
        return out;
    }

    @Test
    void inputsEncodeStimulusPreviousChoiceAndReward() {
        ChoiceSession s = new ChoiceSession(0, new double[] {0.25, 0, 1, 0.5}, new int[] {-1, 1, 1, -1},
                new int[] {-1, 0, -1, 1}, new double[] {0.5, 0.5, 0.5, 0.5}, 4);
        double[] x = TinyRnn.inputs(s);
        assertArrayEquals(new double[] {
            0.25, 0, 0, 0, 0, // first trial: no history
            0, 0, 1, 0, 1, // zero contrast; previous: left, rewarded
            0, 1, 0, 0, 0, // previous: no response
            0.5, 0, 1, 0, -1}, // previous: left on a right stimulus, unrewarded
            x);
    }

    /** The open-loop objective's gradient against central finite differences, both cells, N = 1, 2, 3. */
    @ParameterizedTest
    @CsvSource({"rnn,1", "rnn,2", "rnn,3", "gru,1", "gru,2", "gru,3"})
    void gradientMatchesCentralDifferences(String cell, int hidden) {
        List<ChoiceSession> data = actionKernel(3, 40, 0.8, 1.5, 5, 0.2, 0.1, 5, null);
        List<TinyRnn.Encoded> enc = data.stream().map(TinyRnn.Encoded::of).toList();
        RecurrentModel model = new TinyRnn(cell, hidden).network();
        double[] theta = model.initialise(new SplittableRandom(hidden * 31L + cell.length()));
        for (int i = 0; i < theta.length; i++) {
            theta[i] *= 2.5; // away from the small-weight regime, so the nonlinearities matter
        }
        TinyRnn.Objective obj = new TinyRnn.Objective(model);
        double[] grad = new double[theta.length];
        double f = obj.valueAndGradient(enc, theta, 1.0, grad);
        assertEquals(obj.value(enc, theta), f, 1e-12 * Math.abs(f));
        double h = 1e-5;
        for (int i = 0; i < theta.length; i++) {
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[i] += h;
            tm[i] -= h;
            double fd = (obj.value(enc, tp) - obj.value(enc, tm)) / (2 * h);
            assertEquals(fd, grad[i], 1e-6 * Math.max(1, Math.abs(fd)),
                    cell + "-" + hidden + " " + TinyRnn.parameterNames(model).get(i));
        }
    }

    /**
     * A GRU with 2 units fitted to 32 sessions of action-kernel choices (12,800 trials) predicts 8
     * held-out sessions within 0.01 bits/trial of the generating model itself, on the same
     * sessions. Why 0.01: the fit's expected excess held-out loss is about k / (2n) nats per trial
     * for k = 60 parameters and n ≈ 10,000 gradient trials (0.004 bits), and the sampling noise of
     * the paired difference on 3,200 held-out trials is about 0.1 / sqrt(3200) ≈ 0.002 bits; 0.01
     * bits leaves room for both (measured: 0.005 below the truth) while a network that had not
     * learnt the kernel fails (the psychometric model, blind to history, is 0.04 below; the network
     * must beat it by 0.02). It must not beat the truth by more than 0.01 either (that
     * would mean a leak).
     */
    @Test
    void fitsActionKernelChoicesAsWellAsTheGeneratingModel() {
        List<double[]> truth = new ArrayList<>();
        List<ChoiceSession> data = actionKernel(40, 400, 0.8, 1.5, 5, 0.2, 0.02, 17, truth);
        List<ChoiceSession> train = data.subList(0, 32);
        List<ChoiceSession> test = data.subList(32, 40);
        FittedChoiceModel rnn = new TinyRnn("gru", 2).fit(train, 3);
        FittedChoiceModel psy = new Psychometric().fit(train, 3);
        double llRnn = 0;
        double llTrue = 0;
        double llPsy = 0;
        int n = 0;
        for (int i = 0; i < test.size(); i++) {
            ChoiceSession s = test.get(i);
            llRnn += rnn.logLikelihood(s);
            llPsy += psy.logLikelihood(s);
            llTrue += Scores.logLikelihood(s, truth.get(32 + i));
            n += s.responses();
        }
        double bitsRnn = llRnn / n / Math.log(2);
        double bitsTrue = llTrue / n / Math.log(2);
        double bitsPsy = llPsy / n / Math.log(2);
        String msg = "gru-2 " + bitsRnn + ", truth " + bitsTrue + ", psychometric " + bitsPsy + " bits/trial; "
                + rnn.fit();
        assertTrue(bitsRnn > bitsTrue - 0.01, msg);
        assertTrue(bitsRnn < bitsTrue + 0.01, msg);
        assertTrue(bitsRnn > bitsPsy + 0.02, msg);
        ChoiceFit fit = rnn.fit();
        assertTrue(fit.converged(), msg);
        assertTrue(fit.value("best_epoch") >= 1 && fit.value("best_epoch") < fit.value("epochs"), msg);
        assertEquals(2, fit.value("hidden"));
        assertEquals(4 + 3 * 2 * 5 + 3 * 2 * 2 + 2 * 3 * 2 + 2 * 2 + 2, fit.names().size());
        assertTrue(fit.names().contains("core.weight_ih_l0[5][4]") && fit.names().contains("readout.bias[1]"),
                fit.names().toString());
    }

    /**
     * Cross-validation hands the model only training sessions, and the early stopping's validation
     * sessions are among them: never a session of the held-out fold (a spy on fit's argument).
     */
    @Test
    void earlyStoppingNeverSeesHeldOutSessions() {
        List<ChoiceSession> data = actionKernel(10, 120, 0.8, 1.5, 5, 0.2, 0.02, 23, null);
        TinyRnn tiny = new TinyRnn("rnn", 1, new TinyRnn.Training(0.03, 1, 5, 2, 0.2));
        List<List<ChoiceSession>> seen = Collections.synchronizedList(new ArrayList<>());
        ChoiceModel spy = new ChoiceModel() {
            @Override
            public String name() {
                return tiny.name();
            }

            @Override
            public FittedChoiceModel fit(List<ChoiceSession> train, long seed) {
                seen.add(List.copyOf(train));
                return tiny.fit(train, seed);
            }
        };
        CrossValidation.SubjectResult r = CrossValidation.run("spy", data, List.of(spy),
                new CrossValidation.Options(5, 9), true);
        int[] fold = r.foldOfSession();
        assertEquals(5, seen.size());
        for (int f = 0; f < 5; f++) {
            Set<ChoiceSession> trainSet = Collections.newSetFromMap(new IdentityHashMap<>());
            trainSet.addAll(seen.get(f));
            List<Integer> trainIds = seen.get(f).stream().map(ChoiceSession::id).toList();
            List<Integer> valIds = ((TinyRnn.Fitted) r.fits().get(0).get(f)).validationSessionIds();
            assertFalse(valIds.isEmpty());
            assertTrue(trainIds.containsAll(valIds), valIds + " not within " + trainIds);
            for (int i = 0; i < data.size(); i++) {
                if (fold[i] == f) {
                    assertFalse(trainSet.contains(data.get(i)), "held-out session " + i + " in fold " + f + "'s fit");
                    assertFalse(valIds.contains(data.get(i).id()), "held-out session " + i + " used for early stopping");
                }
            }
        }
    }

    @Test
    void sameSeedSameBitsWhateverRunsBeside() throws Exception {
        List<ChoiceSession> data = actionKernel(6, 100, 0.8, 1.5, 5, 0.2, 0.02, 31, null);
        List<ChoiceSession> other = actionKernel(6, 100, 0.6, 1.0, 3, -0.2, 0.02, 32, null);
        List<ChoiceModel> models = List.of(new TinyRnn("gru", 2, new TinyRnn.Training(0.03, 1, 15, 5, 0.2)));
        CrossValidation.Options o = new CrossValidation.Options(3, 4);
        CrossValidation.SubjectResult alone = CrossValidation.run("a", data, models, o, true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<CrossValidation.SubjectResult>> fs = new ArrayList<>();
            fs.add(pool.submit(() -> CrossValidation.run("b", other, models, o, false)));
            fs.add(pool.submit(() -> CrossValidation.run("a", data, models, o, true)));
            fs.add(pool.submit(() -> CrossValidation.run("b", other, models, o, false)));
            CrossValidation.SubjectResult beside = fs.get(1).get();
            assertEquals(Double.doubleToLongBits(alone.scores().get(0).bitsPerTrial()),
                    Double.doubleToLongBits(beside.scores().get(0).bitsPerTrial()));
            for (int f = 0; f < 3; f++) {
                assertArrayEquals(alone.scores().get(0).folds().get(f).fit().values(),
                        beside.scores().get(0).folds().get(f).fit().values());
                assertArrayEquals(alone.fits().get(0).get(f).probRight(data.get(0)),
                        beside.fits().get(0).get(f).probRight(data.get(0)));
            }
            fs.get(0).get();
            fs.get(2).get();
        } finally {
            pool.shutdown();
        }
        FittedChoiceModel x = models.get(0).fit(data, 77);
        FittedChoiceModel y = models.get(0).fit(data, 77);
        FittedChoiceModel z = models.get(0).fit(data, 78);
        assertArrayEquals(x.fit().values(), y.fit().values());
        assertFalse(java.util.Arrays.equals(x.fit().values(), z.fit().values()));
    }

    @Test
    void namesAreParsedAndBadOnesRefusedInOneMessage() {
        BlockLengths law = BlockLengths.TruncatedExponential.ibl();
        assertEquals("gru-8", ChoiceModels.create("gru-8", law, 0.8).name());
        assertEquals("rnn-16", ChoiceModels.create("rnn-16", law, 0.8).name());
        for (String n : ChoiceModels.TINY_RNNS) {
            assertEquals(n, ChoiceModels.create(n, law, 0.8).name());
        }
        assertEquals(List.of("psychometric", "action-kernel", "rnn-2", "rnn-10", "gru-1", "gru-2"),
                ChoiceModels.parse("gru-2,rnn-10,action-kernel,gru-1,rnn-2,psychometric,gru-2"));
        List<String> all = ChoiceModels.parse("all");
        assertEquals(ChoiceModels.NAMES, all);
        assertTrue(all.stream().noneMatch(TinyRnn::isName), "'all' must stay the classical models");
        for (String bad : new String[] {"gru-0", "gru-17", "rnn-01", "lstm-2", "gru", "gru-x", "GRU-2"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChoiceModels.parse(bad));
            assertTrue(e.getMessage().startsWith("unknown model '" + bad + "'")
                    && e.getMessage().contains("rnn-N, gru-N with N = 1..16")
                    && e.getMessage().contains("glm-hmm-4"), e.getMessage());
            IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                    () -> ChoiceModels.create(bad, law, 0.8));
            assertEquals(e.getMessage(), c.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new TinyRnn("lstm", 2));
        assertThrows(IllegalArgumentException.class, () -> new TinyRnn("gru", 17));
    }

    /** The prior zeroes trial t's contrast only: the past, stimuli included, as it was. */
    @ParameterizedTest
    @CsvSource({"rnn,2", "gru,3"})
    void priorZeroesOnlyTheCurrentContrast(String cell, int hidden) {
        List<ChoiceSession> data = actionKernel(4, 60, 0.8, 1.5, 5, 0.2, 0.05, 51, null);
        FittedChoiceModel f = new TinyRnn(cell, hidden, new TinyRnn.Training(0.03, 1, 3, 2, 0.2)).fit(data, 2);
        ChoiceSession s = data.get(1);
        double[] prior = f.priorProbRight(s);
        double[] p = f.probRight(s);
        double[] zeroAll = f.probRight(s.withZeroContrast());
        boolean differsFromZeroingAll = false;
        for (int t = 0; t < s.length(); t++) {
            double[] c = s.contrast();
            c[t] = 0;
            ChoiceSession only = new ChoiceSession(s.id(), c, s.stimSide(), s.choice(), s.blockProbRight(),
                    s.openingTrials());
            assertEquals(f.probRight(only)[t], prior[t], 0.0, "trial " + t);
            if (s.contrastAt(t) == 0) {
                assertEquals(p[t], prior[t], 0.0, "trial " + t);
            }
            differsFromZeroingAll |= zeroAll[t] != prior[t];
        }
        assertTrue(differsFromZeroingAll);
    }

    @Test
    void aSingleTrainingSessionTrainsWithoutValidation() {
        List<ChoiceSession> data = actionKernel(1, 80, 0.8, 1.5, 5, 0.2, 0.0, 41, null);
        TinyRnn tiny = new TinyRnn("rnn", 2, new TinyRnn.Training(0.03, 1, 7, 2, 0.2));
        TinyRnn.Fitted f = tiny.fit(data, 1);
        assertEquals(7, f.fit().value("epochs"));
        assertTrue(Double.isNaN(f.fit().value("validation_bits_per_trial")));
        assertTrue(f.validationSessionIds().isEmpty());
        assertFalse(f.fit().converged());
        assertFalse(f.fit().note().isEmpty());
    }
}
