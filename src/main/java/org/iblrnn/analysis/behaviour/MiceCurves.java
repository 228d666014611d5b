package org.iblrnn.analysis.behaviour;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Curve arithmetic for {@link MiceSummary}: averaging per-mouse curves across mice, and
 * grouping reaction times with a robust statistic (median or geometric mean).
 */
final class MiceCurves {
    private MiceCurves() {
    }

    /**
     * The mean across curves at each x (one value per curve that has the point), with SEM =
     * sample sd / sqrt(k) over the k curves (0 when k = 1) and n = k. Points present in fewer than
     * {@code minCurves} curves are dropped.
     */
    static Curve acrossCurves(List<Curve> curves, String label, int minCurves) {
        TreeMap<Double, double[]> acc = new TreeMap<>();
        for (Curve c : curves) {
            double[] x = c.x();
            double[] m = c.mean();
            for (int i = 0; i < x.length; i++) {
                if (Double.isNaN(m[i])) {
                    continue;
                }
                double[] s = acc.computeIfAbsent(x[i] == 0 ? 0.0 : x[i], k -> new double[3]);
                s[0]++;
                double d = m[i] - s[1];
                s[1] += d / s[0];
                s[2] += d * (m[i] - s[1]);
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (Map.Entry<Double, double[]> e : acc.entrySet()) {
            double[] s = e.getValue();
            if (s[0] >= minCurves) {
                rows.add(new double[] {e.getKey(), s[1], s[0] > 1 ? Math.sqrt(s[2] / (s[0] - 1) / s[0]) : 0.0, s[0]});
            }
        }
        return fromRows(label, rows);
    }

    /** Mean and SEM across the non-NaN values. */
    static MiceSummary.Estimate across(double[] values) {
        double mean = 0;
        double m2 = 0;
        int k = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            k++;
            double d = v - mean;
            mean += d / k;
            m2 += d * (v - mean);
        }
        if (k == 0) {
            return new MiceSummary.Estimate(Double.NaN, Double.NaN, 0);
        }
        return new MiceSummary.Estimate(mean, k > 1 ? Math.sqrt(m2 / (k - 1) / k) : 0.0, k);
    }

    private static Curve fromRows(String label, List<double[]> rows) {
        int m = rows.size();
        double[] x = new double[m];
        double[] y = new double[m];
        double[] se = new double[m];
        int[] n = new int[m];
        for (int i = 0; i < m; i++) {
            double[] r = rows.get(i);
            x[i] = r[0];
            y[i] = r[1];
            se[i] = r[2];
            n[i] = (int) r[3];
        }
        return new Curve(label, x, y, se, n);
    }

    /**
     * Collects values by key and summarises each group by a median (SEM from the distribution-free
     * 95% interval of the median: the order statistics at n/2 -+ 0.98 sqrt(n), divided by 2 x 1.96)
     * or by a geometric mean exp(mean log v) over v &gt; 0 (SEM by the delta method:
     * exp(m) x sd(log v) / sqrt(n)). NaN values are ignored.
     */
    static final class RobustGroups {
        /** Values of one group (log values for the geometric mean). */
        private static final class Values {
            double[] v = new double[8];
            int n;
        }

        private final TreeMap<Double, Values> acc = new TreeMap<>();
        private final boolean median;
        private double lastKey = Double.NaN;
        private Values last;

        RobustGroups(boolean median) {
            this.median = median;
        }

        void add(double key, double v) {
            if (Double.isNaN(v) || Double.isNaN(key) || (!median && !(v > 0))) {
                return;
            }
            double k = key == 0 ? 0.0 : key;
            Values g = k == lastKey ? last : acc.computeIfAbsent(k, z -> new Values());
            lastKey = k;
            last = g;
            if (g.n == g.v.length) {
                g.v = Arrays.copyOf(g.v, 2 * g.n);
            }
            g.v[g.n++] = median ? v : Math.log(v);
        }

        Curve curve(String label, int minCount) {
            List<double[]> rows = new ArrayList<>();
            for (Map.Entry<Double, Values> e : acc.entrySet()) {
                int n = e.getValue().n;
                if (n < minCount) {
                    continue;
                }
                double[] v = Arrays.copyOf(e.getValue().v, n);
                if (median) {
                    Arrays.sort(v);
                    double med = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
                    double half = 0.98 * Math.sqrt(n);
                    int lo = Math.max(0, (int) Math.floor(n / 2.0 - half));
                    int hi = Math.min(n - 1, (int) Math.ceil(n / 2.0 + half));
                    rows.add(new double[] {e.getKey(), med, (v[hi] - v[lo]) / (2 * 1.96), n});
                } else {
                    double mean = 0;
                    double m2 = 0;
                    for (int i = 0; i < n; i++) {
                        double d = v[i] - mean;
                        mean += d / (i + 1);
                        m2 += d * (v[i] - mean);
                    }
                    double sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0.0;
                    rows.add(new double[] {e.getKey(), Math.exp(mean), Math.exp(mean) * sd / Math.sqrt(n), n});
                }
            }
            return fromRows(label, rows);
        }
    }
}
