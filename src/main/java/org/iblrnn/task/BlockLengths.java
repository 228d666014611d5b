package org.iblrnn.task;

import java.util.random.RandomGenerator;

import org.iblrnn.math.Checks;

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
 *   <li>{@link TruncatedExponential}: the real IBL protocol (iblrig's {@code texp}): a continuous
 *       exponential with mean {@code meanTrials}, truncated to [{@code minTrials}, {@code maxTrials}]
 *       and rounded down to whole trials. Lengths run from minTrials to maxTrials - 1; for the
 *       rig's (60, 20, 100): mean 50.87, sd 22.1 (the mouse data's non-final blocks: 20-99, mean
 *       50.3).</li>
 * </ul>
 */
public sealed interface BlockLengths
        permits BlockLengths.TruncatedGeometric, BlockLengths.Hazard, BlockLengths.TruncatedExponential {

    /** Draws one block length in trials. */
    int sample(RandomGenerator rng);

    /** The largest length this law can produce. */
    int maxLength();

    /** The smallest length this law can produce. */
    int minLength();

    /** Probability that a block has exactly {@code length} trials. */
    double pmf(int length);

    /** Mean block length in trials: the sum of l * pmf(l) over [minLength, maxLength]. */
    default double mean() {
        double m = 0;
        for (int l = minLength(); l <= maxLength(); l++) {
            m += l * pmf(l);
        }
        return m;
    }

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

    /**
     * The IBL rig's block-length law: x ~ Exponential(mean = {@code meanTrials}) conditioned on
     * minTrials &lt;= x &lt;= maxTrials (the rig redraws until it falls there), then the block lasts
     * floor(x) trials (the rig's {@code int(x)}).
     *
     * <p>Discretisation. floor(x) = l exactly when l &lt;= x &lt; l + 1, so with
     * q = exp(-1 / meanTrials)
     * <pre>
     *   P(L = l) = q^(l - min) (1 - q) / (1 - q^(max - min)),   min &lt;= l &lt;= max - 1,
     * </pre>
     * the geometric law with success probability p = 1 - exp(-1/meanTrials) restricted to
     * [min, max - 1] (it equals {@code TruncatedGeometric(1 - exp(-1/meanTrials), min, max - 1)},
     * see {@link #asTruncatedGeometric()}). x = max has probability 0, so the longest block is
     * max - 1 trials; if min == max every block lasts min trials. For (60, 20, 100): lengths
     * 20-99, mean 50.865, sd 22.11.
     *
     * @param meanTrials mean of the untruncated exponential, in trials (the rig's
     *                   {@code block_len_factor}, 60); not the mean of the law (see {@link #mean()})
     * @param minTrials  lower truncation point, the shortest block (20)
     * @param maxTrials  upper truncation point (100); the longest block is maxTrials - 1
     */
    record TruncatedExponential(double meanTrials, int minTrials, int maxTrials) implements BlockLengths {
        public TruncatedExponential {
            Checks.positive(meanTrials, "block-length mean (trials)");
            validateBounds(minTrials, maxTrials);
        }

        /** The IBL rig's law: mean 60, truncated to [20, 100]. */
        public static TruncatedExponential ibl() {
            return new TruncatedExponential(60, 20, 100);
        }

        /**
         * Draws by inversion, one uniform u per block: x = min - mean * log(1 - u (1 - e^(-(max-min)/mean)))
         * is the continuous truncated exponential; the length is floor(x), clamped to
         * [minLength, maxLength] against rounding at the ends.
         */
        @Override
        public int sample(RandomGenerator rng) {
            if (maxTrials == minTrials) {
                return minTrials;
            }
            double u = rng.nextDouble();
            double tail = -Math.expm1(-(maxTrials - minTrials) / meanTrials); // 1 - q^(max - min)
            double x = minTrials - meanTrials * Math.log1p(-u * tail);
            double l = Math.floor(x);
            int top = maxLength();
            return l < minTrials ? minTrials : (l > top ? top : (int) l);
        }

        @Override
        public int maxLength() {
            return maxTrials == minTrials ? minTrials : maxTrials - 1;
        }

        @Override
        public int minLength() {
            return minTrials;
        }

        @Override
        public double pmf(int length) {
            if (length < minTrials || length > maxLength()) {
                return 0;
            }
            if (maxTrials == minTrials) {
                return 1.0;
            }
            double rate = 1.0 / meanTrials;
            // q^(l - min) (1 - q) / (1 - q^(max - min)), q = exp(-rate)
            return Math.exp(-(length - minTrials) * rate) * -Math.expm1(-rate)
                    / -Math.expm1(-(maxTrials - minTrials) * rate);
        }

        /** The same law written as a truncated geometric: p = 1 - exp(-1/meanTrials) on [min, maxLength]. */
        public TruncatedGeometric asTruncatedGeometric() {
            return new TruncatedGeometric(-Math.expm1(-1.0 / meanTrials), minTrials, maxLength());
        }
    }

    private static void validate(double p, int minTrials, int maxTrials) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("block-length probability must be in (0, 1], got " + p);
        }
        validateBounds(minTrials, maxTrials);
    }

    private static void validateBounds(int minTrials, int maxTrials) {
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
