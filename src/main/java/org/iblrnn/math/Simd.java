package org.iblrnn.math;

/**
 * The fused multiply-add kernel of the RNN engine, on 4-lane (256-bit) double vectors.
 *
 * <p>Two implementations give identical bits: one on the JDK's Vector API (module
 * {@code jdk.incubator.vector}, an incubator module on JDK 17 that the {@code ./iblrnn} launcher
 * and the test build add with {@code --add-modules jdk.incubator.vector}), and a scalar twin on
 * {@link Math#fma} that is used when the module is absent (e.g. {@code java -jar iblrnn.jar}
 * without the option), or when the system property {@code iblrnn.simd=scalar} is set. Every
 * output element is the same chain of fused multiply-adds in the same order in both (lanes never
 * mix), so results do not depend on which implementation, machine or thread count computed them; the vector one makes the paper
 * network's training step about twice as fast (docs/PERFORMANCE.md).
 *
 * <p>The kernel is written for register blocking (up to 13 output vectors accumulated in
 * registers across the whole sum), which HotSpot's automatic vectorisation does not do.
 */
public final class Simd {
    /** Lanes per vector: 256-bit vectors of doubles on every machine. */
    public static final int LANES = 4;

    private static final Impl IMPL = choose();

    private Simd() {
    }

    /** "vector" (Vector API) or "scalar" (the {@link Math#fma} twin). */
    public static String implementation() {
        return IMPL.name();
    }

    /** {@code n} rounded up to a multiple of {@link #LANES}. */
    public static int padded(int n) {
        return (n + LANES - 1) / LANES * LANES;
    }

    /**
     * out[outOff + k] = fma-chain over r = 0..count-1 of rows[r][rowOff + k] * coef[coefOff + r],
     * starting from out's value, for k in [0, n): a sum of scaled rows. {@code out} must not
     * share storage with a row or with {@code coef} (the vector kernel keeps its sums in registers).
     */
    public static void axpyRows(double[][] rows, int rowOff, int count, double[] coef, int coefOff,
            double[] out, int outOff, int n) {
        IMPL.axpyRows(rows, rowOff, count, coef, coefOff, out, outOff, n);
    }

    static Impl scalar() {
        return new ScalarSimd();
    }

    static Impl vector() {
        return loadVector("org.iblrnn.math.VectorSimd", Impl.class);
    }

    /**
     * A new instance of the Vector API implementation {@code className}, or null when it cannot be
     * loaded (the module is absent). Loaded by name so that this class never links against
     * {@code jdk.incubator.vector}; shared with {@link FloatSimd}.
     */
    static <T> T loadVector(String className, Class<T> type) {
        try {
            return type.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /**
     * Whether the Vector API kernels should run: the module {@code jdk.incubator.vector} is present
     * and the system property {@code iblrnn.simd} is not "scalar". Decides for {@link FloatSimd} too.
     */
    static boolean vectorWanted() {
        return !"scalar".equals(System.getProperty("iblrnn.simd")) && vectorModulePresent();
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static Impl choose() {
        if (vectorWanted()) {
            Impl v = vector();
            if (v != null) {
                return v;
            }
        }
        return scalar();
    }

    /** The kernels; see the static methods of {@link Simd} for their contracts. */
    interface Impl {
        String name();

        void axpyRows(double[][] rows, int rowOff, int count, double[] coef, int coefOff, double[] out, int outOff, int n);
    }
}
