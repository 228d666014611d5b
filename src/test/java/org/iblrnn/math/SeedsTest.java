package org.iblrnn.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link Seeds}: deterministic, and distinct children for distinct (root, name, index). */
class SeedsTest {

    @Test
    void deriveIsDeterministic() {
        assertEquals(Seeds.derive(1L, "task"), Seeds.derive(1L, "task"));
        assertEquals(Seeds.derive(1L, 7L), Seeds.derive(1L, 7L));
        assertEquals(Seeds.derive(Seeds.derive(1L, "task"), 3L), Seeds.derive(Seeds.derive(1L, "task"), 3L));
        SplittableRandom a = Seeds.stream(42L, "init");
        SplittableRandom b = Seeds.stream(42L, "init");
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        assertEquals(new SplittableRandom(Seeds.derive(42L, "init")).nextLong(), Seeds.stream(42L, "init").nextLong());
    }

    @Test
    void deriveDiffersByNameRootAndIndex() {
        assertNotEquals(Seeds.derive(1L, "task"), Seeds.derive(1L, "init"));
        assertNotEquals(Seeds.derive(1L, "task"), Seeds.derive(2L, "task"));
        assertNotEquals(Seeds.derive(1L, "task"), Seeds.derive(1L, "Task"));
        assertNotEquals(Seeds.derive(1L, ""), Seeds.derive(1L, "a"));
        assertNotEquals(Seeds.derive(1L, 0L), Seeds.derive(1L, 1L));
        assertNotEquals(Seeds.derive(1L, 0L), Seeds.derive(2L, 0L));
        assertNotEquals(Seeds.derive(0L, 0L), 0L);
        assertNotEquals(Seeds.derive(0L, ""), 0L);
        // the name and index overloads are different streams
        assertNotEquals(Seeds.derive(1L, "0"), Seeds.derive(1L, 0L));
    }

    @Test
    void indexChildrenAreAllDistinct() {
        Set<Long> seen = new HashSet<>();
        for (long i = 0; i < 100_000; i++) {
            long idx = i;
            assertTrue(seen.add(Seeds.derive(5L, i)), () -> "collision at index " + idx);
        }
        Set<Long> roots = new HashSet<>();
        for (long r = -50_000; r < 50_000; r++) {
            long root = r;
            assertTrue(roots.add(Seeds.derive(r, 0L)), () -> "collision at root " + root);
        }
    }

    @Test
    void nameChildrenAreAllDistinct() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            int k = i;
            assertTrue(seen.add(Seeds.derive(5L, "stream-" + i)), () -> "collision at name stream-" + k);
        }
    }

    @Test
    void childSeedsLookRandom() {
        // consecutive indices must not give correlated seeds: each output bit is set about half
        // the time (binomial, n = 20000: sd = 71, bound ~ 5 sd)
        int n = 20_000;
        int[] ones = new int[64];
        for (long i = 0; i < n; i++) {
            long s = Seeds.derive(9L, i);
            for (int bit = 0; bit < 64; bit++) {
                ones[bit] += (int) ((s >>> bit) & 1L);
            }
        }
        for (int bit = 0; bit < 64; bit++) {
            assertTrue(Math.abs(ones[bit] - n / 2) < 360, "bit " + bit + " set " + ones[bit] + " of " + n);
        }
    }

    @Test
    void mix64IsTheSplitMix64Finaliser() {
        // reference: SplitMix64 finaliser (Steele, Lea and Flood 2014), computed step by step
        long z = 0x123456789abcdefL;
        long e = z;
        e = (e ^ (e >>> 30)) * 0xbf58476d1ce4e5b9L;
        e = (e ^ (e >>> 27)) * 0x94d049bb133111ebL;
        e = e ^ (e >>> 31);
        assertEquals(e, Seeds.mix64(z));
        // SplittableRandom(seed).nextLong() is mix64(seed + golden gamma)
        assertEquals(new SplittableRandom(77L).nextLong(), Seeds.mix64(77L + 0x9e3779b97f4a7c15L));
    }
}
