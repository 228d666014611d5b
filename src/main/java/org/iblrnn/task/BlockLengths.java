package org.iblrnn.task;

import java.util.random.RandomGenerator;

/**
 * How many trials a block lasts: a closed family of block-length laws.
 *
 * <ul>
 *   <li>{@link TruncatedGeometric}: the paper's code (reference-spec 1.2): a geometric law on
 *       {1, 2, ...} with success probability {@code p}, restricted to
 *       [{@code minTrials}, {@code maxTrials}] and renormalised (the code redraws until the length
 *       falls in the window; we sample the same law by inversion). For the paper's (0.02, 20, 100):
 *       mean 49.42, sd 21.9. The IBL mouse data are consistent with this law.</li>
 *   <li>{@link Hazard}: the paper's text (section 2.1, reference-spec 1.5). After the l-th trial of
 *       a block the block ends with probability 0 if l &lt; minTrials, {@code p} if
 *       minTrials &lt;= l &lt;= maxTrials, and 1 if l &gt; maxTrials. Lengths run from minTrials to
 *       maxTrials + 1; for (0.02, 20, 100) about 19.5% of blocks hit the cap of 101 trials and
 *       the mean is about 59.</li>
 * </ul>
 */
public sealed interface BlockLengths permits BlockLengths.TruncatedGeometric, BlockLengths.Hazard {

    /** Draws one block length in trials. */
    int sample(RandomGenerator rng);

    /** The largest length this law can produce. */
    int maxLength();

    /** The smallest length this law can produce. */
    int minLength();

    /** Probability that a block has exactly {@code length} trials. */
    double pmf(int length);

    /** Truncated geometric by rejection (the paper's code). */
    record TruncatedGeometric(double p, int minTrials, int maxTrials) implements BlockLengths {
        public TruncatedGeometric {
            validate(p, minTrials, maxTrials);
        }

        /**
         * Draws by inversion, one uniform per block. Because the geometric law is memoryless,
         * L conditioned on [min, max] equals min - 1 + G with G geometric truncated to
         * [1, max - min + 1]: the same law as the code's rejection sampling, without its loop
         * (which never ends for p near 1 and a large minimum).
         */
        @Override
        public int sample(RandomGenerator rng) {
            int span = maxTrials - minTrials + 1;
            if (p == 1.0 || span == 1) {
                return minTrials;
            }
            double u = rng.nextDouble();
            double logQ = Math.log1p(-p);
            // P(G <= g) = (1 - q^g) / (1 - q^span); solve for g and round up
            double tail = -Math.expm1(span * logQ); // 1 - q^span
            double g = Math.ceil(Math.log1p(-u * tail) / logQ);
            int gi = g < 1 ? 1 : (g > span ? span : (int) g);
            return minTrials - 1 + gi;
        }

        @Override
        public int maxLength() {
            return maxTrials;
        }

        @Override
        public int minLength() {
            return minTrials;
        }

        @Override
        public double pmf(int length) {
            if (length < minTrials || length > maxTrials) {
                return 0;
            }
            // q^(l - min) p / (1 - q^span), the shifted form (no underflow for large min)
            int span = maxTrials - minTrials + 1;
            if (p == 1.0) {
                return length == minTrials ? 1.0 : 0.0;
            }
            double logQ = Math.log1p(-p);
            return Math.exp((length - minTrials) * logQ) * p / -Math.expm1(span * logQ);
        }
    }

    /** Hazard-based semi-Markov block process (the paper's text). */
    record Hazard(double p, int minTrials, int maxTrials) implements BlockLengths {
        public Hazard {
            validate(p, minTrials, maxTrials);
        }

        @Override
        public int sample(RandomGenerator rng) {
            int l = minTrials;
            while (l <= maxTrials) {
                if (rng.nextDouble() < p) {
                    return l;
                }
                l++;
            }
            return maxTrials + 1;
        }

        @Override
        public int maxLength() {
            return maxTrials + 1;
        }

        @Override
        public int minLength() {
            return minTrials;
        }

        @Override
        public double pmf(int length) {
            if (length < minTrials || length > maxTrials + 1) {
                return 0;
            }
            double survive = Math.pow(1 - p, length - minTrials);
            return length == maxTrials + 1 ? survive : survive * p;
        }
    }

    private static void validate(double p, int minTrials, int maxTrials) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("block-length probability must be in (0, 1], got " + p);
        }
        if (minTrials < 1) {
            throw new IllegalArgumentException("minimum block length must be >= 1, got " + minTrials);
        }
        if (maxTrials < minTrials) {
            throw new IllegalArgumentException("minimum block length (" + minTrials
                    + ") must not exceed maximum block length (" + maxTrials + ")");
        }
        if (maxTrials > 100_000) {
            throw new IllegalArgumentException("maximum block length must be <= 100000, got " + maxTrials);
        }
    }
}
