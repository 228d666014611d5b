package org.iblrnn.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.iblrnn.testsupport.StatAsserts;
import org.junit.jupiter.api.Test;

/** {@link Decoding}: split properties, accuracy on decodable and on shuffled labels, determinism. */
class DecodingTest {

    /** Blocks of random length 20..99 with alternating sides; x drifts toward the block side. */
    private record Session(double[][] x, int[] labels, int[] groups) {
    }

    private static Session session(long seed, int blocks, double signal) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> xs = new java.util.ArrayList<>();
        List<Integer> ys = new java.util.ArrayList<>();
        List<Integer> gs = new java.util.ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            int len = 20 + rng.nextInt(80);
            int side = b % 2;
            for (int i = 0; i < len; i++) {
                double s = (2 * side - 1) * signal;
                xs.add(new double[] {s + rng.nextGaussian(), -0.5 * s + rng.nextGaussian(), rng.nextGaussian()});
                ys.add(side);
                gs.add(b);
            }
        }
        return new Session(xs.toArray(new double[0][]), ys.stream().mapToInt(Integer::intValue).toArray(),
                gs.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void blockedSplitNeverSplitsAGroup() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int rep = 0; rep < 50; rep++) {
            Session s = session(rep, 2 + rng.nextInt(40), 1);
            Decoding.Split split = Decoding.blockedSplit(s.groups(), 0.33, rng);
            Set<Integer> trainGroups = new HashSet<>();
            for (int r : split.train()) {
                trainGroups.add(s.groups()[r]);
            }
            for (int r : split.test()) {
                assertFalse(trainGroups.contains(s.groups()[r]), "group " + s.groups()[r] + " on both sides");
            }
            assertEquals(s.x().length, split.train().length + split.test().length);
            assertTrue(split.train().length > 0 && split.test().length > 0);
            Set<Integer> all = new HashSet<>();
            for (int r : split.train()) {
                all.add(r);
            }
            for (int r : split.test()) {
                all.add(r);
            }
            assertEquals(s.x().length, all.size(), "every row exactly once");
            if (trainGroups.size() > 1) {
                assertTrue(split.test().length >= 0.33 * s.x().length, "test part reaches the fraction");
            }
        }
    }

    @Test
    void randomSplitHasTheRightSizeAndIsDeterministic() {
        Decoding.Split a = Decoding.randomSplit(1000, 0.33, new SplittableRandom(7));
        Decoding.Split b = Decoding.randomSplit(1000, 0.33, new SplittableRandom(7));
        assertEquals(330, a.test().length);
        assertEquals(670, a.train().length);
        assertArrayEquals(a.test(), b.test());
        Set<Integer> seen = new HashSet<>();
        for (int r : a.train()) {
            seen.add(r);
        }
        for (int r : a.test()) {
            assertTrue(seen.add(r));
        }
        assertEquals(1000, seen.size());
        assertFalse(java.util.Arrays.equals(a.test(), Decoding.randomSplit(1000, 0.33, new SplittableRandom(8)).test()));
    }

    @Test
    void groupFoldsKeepGroupsWhole() {
        Session s = session(3, 30, 1);
        int[] train = new int[s.x().length];
        for (int i = 0; i < train.length; i++) {
            train[i] = i;
        }
        int[] fold = Decoding.groupFolds(train, s.groups(), 5, new SplittableRandom(3));
        java.util.Map<Integer, Integer> foldOfGroup = new java.util.HashMap<>();
        for (int i = 0; i < train.length; i++) {
            Integer prev = foldOfGroup.put(s.groups()[i], fold[i]);
            assertTrue(prev == null || prev == fold[i], "group in two folds");
        }
        assertEquals(5, new HashSet<>(foldOfGroup.values()).size());
    }

    @Test
    void decodableLabelsAreDecodedUnderBothSplits() {
        Session s = session(4, 40, 1.5);
        Decoding.Result r = Decoding.decode(s.x(), s.labels(), s.groups(), Decoding.Config.defaults(),
                new SplittableRandom(4));
        for (Decoding.SplitResult sr : List.of(r.blocked(), r.random())) {
            assertTrue(sr.converged(), sr.reason());
            // Bayes accuracy with |mean| = 1.5 along x0 and 0.75 along x1: Phi(1.677) = 0.953
            assertTrue(sr.testAccuracy() > 0.92 && sr.testAccuracy() < 0.99, sr.kind() + " " + sr.testAccuracy());
            assertTrue(sr.trainAccuracy() > 0.92);
            assertEquals(5, sr.cvLogLoss().length);
            assertTrue(List.of(1e-5, 1e-4, 1e-3, 1e-2, 1e-1).contains(sr.chosenPenalty()));
            assertEquals(sr.chosenPenalty() * sr.trainRows(), sr.chosenLambda(), 1e-9);
            double[] w = sr.coefficients();
            assertTrue(w[0] > 0 && w[1] < 0, "readout points along the signal");
        }
        assertEquals(Decoding.SplitKind.BLOCKED, r.blocked().kind());
        assertEquals(Decoding.SplitKind.RANDOM, r.random().kind());
    }

    @Test
    void shuffledBlockLabelsGiveChanceOnTheBlockedSplit() {
        // labels independent of the states: a random side per block
        Session s = session(5, 200, 0.0);
        SplittableRandom rng = new SplittableRandom(55);
        int[] sideOfBlock = new int[200];
        for (int b = 0; b < 200; b++) {
            sideOfBlock[b] = rng.nextInt(2);
        }
        int[] labels = new int[s.labels().length];
        for (int t = 0; t < labels.length; t++) {
            labels[t] = sideOfBlock[s.groups()[t]];
        }
        Decoding.Result r = Decoding.decode(s.x(), labels, s.groups(), Decoding.Config.defaults(),
                new SplittableRandom(5));
        // rows within a block share the label, so the effective sample is ~66 held-out blocks
        double se = Math.sqrt(0.25 / 66);
        StatAsserts.assertWithinSe(0.5, r.blocked().testAccuracy(), se, "blocked test accuracy on noise");
    }

    @Test
    void sameSeedSameResult() {
        Session s = session(6, 20, 1);
        Decoding.Result a = Decoding.decode(s.x(), s.labels(), s.groups(), Decoding.Config.defaults(),
                new SplittableRandom(9));
        Decoding.Result b = Decoding.decode(s.x(), s.labels(), s.groups(), Decoding.Config.defaults(),
                new SplittableRandom(9));
        assertArrayEquals(a.blocked().coefficients(), b.blocked().coefficients(), 0.0);
        assertArrayEquals(a.random().coefficients(), b.random().coefficients(), 0.0);
        assertEquals(a.random().testAccuracy(), b.random().testAccuracy());
        assertArrayEquals(a.blocked().cvLogLoss(), b.blocked().cvLogLoss(), 0.0);
    }

    @Test
    void referenceConfigHasNoInterceptAndNoCrossValidation() {
        Session s = session(7, 20, 1);
        Decoding.Result r = Decoding.decode(s.x(), s.labels(), s.groups(), Decoding.Config.reference(),
                new SplittableRandom(1));
        assertFalse(r.random().fit().hasIntercept());
        assertEquals(0, r.random().cvLogLoss().length);
        assertEquals(0.0, r.random().chosenLambda());
        assertTrue(r.random().converged(), r.random().reason());
    }

    @Test
    void argumentErrors() {
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> Decoding.blockedSplit(new int[] {3, 3, 3}, 0.33, new SplittableRandom(1)));
        assertEquals("groups must have at least 2 distinct values, got 1", g.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> Decoding.Config.defaults().withTestFraction(1.0));
        assertEquals("testFraction must be in (0, 1), got 1.0", f.getMessage());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> Decoding.Config.defaults().withFolds(1));
        assertEquals("folds must be >= 2, got 1", k.getMessage());
    }
}
