package org.iblrnn.nn;

import java.util.random.RandomGenerator;

/** PyTorch-default initialisers. */
public final class Initialisers {
    private Initialisers() {
    }

    /** U(-bound, bound) drawn as float32 (PyTorch draws parameters in float32), returned as double. */
    public static double uniformFloat32(RandomGenerator rng, double bound) {
        return (float) ((2.0 * rng.nextDouble() - 1.0) * bound);
    }
}
