package org.iblrnn.math;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named, counter-based child seeds derived from one root seed.
 *
 * <p>Every random stream in the project is derived from the run's root seed by name
 * ({@code derive(root, "task")}) and, where a stream is needed per gradient step or per session,
 * by an index ({@code derive(taskSeed, step)}). Adding a new consumer never changes an existing
 * stream, and any stream can be recreated from (root, name, index) alone, which is what makes
 * resumed training bit-identical to uninterrupted training without storing generator state.
 *
 * <p>Mixing uses the SplitMix64 finaliser (Steele, Lea and Flood 2014), applied to the root, the
 * FNV-1a hash of the name's UTF-8 bytes, and the index.
 */
public final class Seeds {
    private Seeds() {
    }

    /** SplitMix64 finaliser: a bijective 64-bit mix with full avalanche. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Child seed for the stream called {@code name} under {@code root}. */
    public static long derive(long root, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return mix64(mix64(root + 0x9e3779b97f4a7c15L) ^ h);
    }

    /** Child seed number {@code index} under {@code root} (e.g. one per gradient step). */
    public static long derive(long root, long index) {
        return mix64(mix64(root ^ 0x632be59bd9b4e019L) + mix64(index + 0x9e3779b97f4a7c15L));
    }

    /** A fresh generator for the named stream. */
    public static SplittableRandom stream(long root, String name) {
        return new SplittableRandom(derive(root, name));
    }
}
