package org.iblrnn.report;

import java.util.ArrayList;
import java.util.List;

/**
 * An axis with its resolved range, in transformed units (log10 of the data on a log axis), and
 * the ticks that fit a given length.
 */
final class AxisScale {
    /** Fraction of the data span added at each end of an automatic range. */
    private static final double MARGIN = 0.05;

    final Axis axis;
    final double lo;
    final double hi;

    private AxisScale(Axis axis, double lo, double hi) {
        this.axis = axis;
        this.lo = lo;
        this.hi = hi;
    }

    /** Ticks: positions in data units and their labels. */
    record TickSet(double[] values, List<String> labels) {
    }

    /**
     * The range for the first n of {@code values} (data units; values the axis cannot place are
     * ignored), honouring fixed ends; never of zero width. A panel with no values still gets a range.
     */
    static AxisScale resolve(Axis axis, double[] values, int n) {
        double mn = Double.POSITIVE_INFINITY;
        double mx = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (axis.accepts(values[i])) {
                double t = axis.log() ? Math.log10(values[i]) : values[i];
                mn = Math.min(mn, t);
                mx = Math.max(mx, t);
            }
        }
        boolean categorical = !axis.categories().isEmpty();
        double lo;
        double hi;
        if (categorical) {
            int count = Math.max(axis.categories().size(), mx >= mn ? (int) Math.min(1e6, Math.floor(mx) + 1) : 0);
            lo = Math.min(-0.5, mn - 0.5);
            hi = Math.max(count - 0.5, 0.5);
        } else if (mn > mx) {
            lo = 0;
            hi = 1;
        } else if (mn == mx) {
            double pad = axis.log() ? 0.5 : (mn == 0 ? 1 : Math.abs(mn) * 0.1);
            lo = mn - pad;
            hi = mx + pad;
        } else {
            double m = (mx - mn) * MARGIN;
            lo = mn - m;
            hi = mx + m;
        }
        double fixedLo = Double.isNaN(axis.min()) ? Double.NaN : (axis.log() ? Math.log10(axis.min()) : axis.min());
        double fixedHi = Double.isNaN(axis.max()) ? Double.NaN : (axis.log() ? Math.log10(axis.max()) : axis.max());
        if (!Double.isNaN(fixedLo)) {
            lo = fixedLo;
        }
        if (!Double.isNaN(fixedHi)) {
            hi = fixedHi;
        }
        if (!(lo < hi)) { // one fixed end on the far side of all the data
            double span = axis.log() ? 1 : Math.max(1e-12, Math.max(Math.abs(lo), Math.abs(hi)) * 0.1);
            span = span == 0 ? 1 : span;
            if (!Double.isNaN(fixedLo)) {
                hi = lo + span;
            } else {
                lo = hi - span;
            }
        }
        return new AxisScale(axis, lo, hi);
    }

    /** Position of a data value as a fraction of the axis length (NaN if the axis cannot place it). */
    double fraction(double v) {
        if (!axis.accepts(v)) {
            return Double.NaN;
        }
        double t = axis.log() ? Math.log10(v) : v;
        return (t - lo) / (hi - lo);
    }

    /**
     * Ticks for an axis {@code lengthPx} long whose labels do not collide: horizontal labels need
     * their width plus a gap between tick positions, vertical ones their height.
     */
    TickSet ticks(double lengthPx, boolean horizontal) {
        return ticks(lengthPx, horizontal, 0);
    }

    /**
     * As {@link #ticks(double, boolean)}, but category labels on a horizontal axis are first
     * wrapped onto up to three lines ("\n"-separated) of at most {@code wrapWidth} px (0: no wrapping).
     */
    TickSet ticks(double lengthPx, boolean horizontal, double wrapWidth) {
        if (!axis.categories().isEmpty()) {
            return categoryTicks(lengthPx, horizontal, horizontal ? wrapWidth : 0);
        }
        int start = (int) Math.max(2, Math.min(8, Math.round(lengthPx / (horizontal ? 60 : 42))));
        TickSet last = null;
        for (int target = start; target >= 2; target--) {
            TickSet t = numericTicks(target);
            last = t;
            if (fits(t, lengthPx, horizontal)) {
                return t;
            }
        }
        // fall back to the two ends' ticks
        if (last.values().length > 2) {
            double[] v = {last.values()[0], last.values()[last.values().length - 1]};
            return new TickSet(v, List.of(last.labels().get(0), last.labels().get(last.labels().size() - 1)));
        }
        return last;
    }

    private TickSet numericTicks(int target) {
        if (axis.log()) {
            double[] v = Ticks.log(Math.pow(10, lo), Math.pow(10, hi), target);
            return new TickSet(v, Ticks.logLabels(v));
        }
        double[] v = Ticks.linear(lo, hi, target);
        return new TickSet(v, Ticks.labels(v));
    }

    private boolean fits(TickSet t, double lengthPx, boolean horizontal) {
        double[] v = t.values();
        for (int i = 1; i < v.length; i++) {
            double gap = (fraction(v[i]) - fraction(v[i - 1])) * lengthPx;
            double need = horizontal
                    ? (TextMetrics.width(t.labels().get(i), Theme.TICK_SIZE, false)
                            + TextMetrics.width(t.labels().get(i - 1), Theme.TICK_SIZE, false)) / 2 + 8
                    : Theme.TICK_SIZE * 1.5;
            if (gap < need) {
                return false;
            }
        }
        return true;
    }

    private TickSet categoryTicks(double lengthPx, boolean horizontal, double wrapWidth) {
        List<String> cats = axis.categories();
        int first = (int) Math.max(0, Math.ceil(lo - 1e-9));
        int last = (int) Math.min(cats.size() - 1, Math.floor(hi + 1e-9));
        List<String> shown = new ArrayList<>();
        double maxW = 0;
        for (int i = 0; i <= last; i++) {
            String label = i < first ? "" : wrapWidth > 0 ? wrap(cats.get(i), wrapWidth) : cats.get(i);
            shown.add(label);
            for (String line : label.split("\n", -1)) {
                maxW = Math.max(maxW, TextMetrics.width(line, Theme.TICK_SIZE, false));
            }
        }
        double perCategory = lengthPx / (hi - lo);
        double need = horizontal ? maxW + 8 : Theme.TICK_SIZE * 1.5;
        int every = Math.max(1, (int) Math.ceil(need / Math.max(1e-9, perCategory)));
        List<Double> vals = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            if ((i - first) % every == 0) {
                vals.add((double) i);
                labels.add(shown.get(i));
            }
        }
        double[] v = new double[vals.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = vals.get(i);
        }
        return new TickSet(v, labels);
    }

    /** {@code label} wrapped onto at most three lines of {@code width} px, the last cut with an ellipsis. */
    static String wrap(String label, double width) {
        List<String> lines = TextMetrics.wrap(label, Theme.TICK_SIZE, width, false);
        if (lines.size() > 3) {
            String rest = String.join(" ", lines.subList(2, lines.size()));
            lines = new ArrayList<>(lines.subList(0, 2));
            lines.add(TextMetrics.fit(rest, Theme.TICK_SIZE, false, width));
        }
        return String.join("\n", lines);
    }

    /** Lines of the tallest tick label. */
    static int lines(TickSet t) {
        int n = 1;
        for (String l : t.labels()) {
            n = Math.max(n, l.split("\n", -1).length);
        }
        return n;
    }
}
