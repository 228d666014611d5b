package org.iblrnn.analysis.choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import org.iblrnn.math.Seeds;

/**
 * A tiny RNN whose size is chosen by nested validation ({@code rnn-best}, {@code gru-best}): its
 * {@code fit(train, seed)} uses only {@code train}. The training sessions with a response are
 * dealt into {@value #DEFAULT_INNER_FOLDS} inner folds of whole sessions
 * ({@link CrossValidation#assignFolds}, seeded); every candidate size N (default
 * {@code {1, 2, 3, 4, 8}}) is fitted ({@link TinyRnn}, with its own early stopping inside the
 * inner training folds) on two folds and scored on the third, and its inner score is the pooled
 * held-out bits per responded trial. The best size wins (ties and NaN scores go to the smaller
 * size: the sizes are scanned upward and only a strictly higher score replaces the choice); that
 * size is then refitted on all of {@code train} and returned.
 *
 * <p>Why k-fold and not one 80/20 split: the sizes of the standard comparison differ on a mouse by
 * a few hundredths of a bit (KS014: gru-2 -0.481, gru-3 -0.475), about the sampling noise of one
 * 20% split of a mouse's sessions; pooling three inner folds scores every training session once,
 * for 3 x 5 fits plus the refit (KS014, 5 outer folds: 15 s on one thread, against 1-1.5 s for one
 * fixed size). With fewer than
 * {@value #DEFAULT_INNER_FOLDS} sessions with a response the inner folds shrink to their number;
 * with one session there is nothing to validate on and the smallest size is taken (noted).
 *
 * <p>{@link ChoiceFit}: {@code hidden} (the chosen size), {@code inner_folds}, one
 * {@code inner_bits_nK} per candidate K, then the refit's own parameters ({@code epochs},
 * {@code best_epoch}, {@code validation_bits_per_trial}, the weights). {@code iterations} sums the
 * Adam steps of every inner fit and the refit; {@code converged} is true only when the refit and
 * every inner fit stopped early (the note names those that did not).
 */
public final class TinyRnnBest implements ChoiceModel {
    /** Default candidate sizes. */
    public static final List<Integer> DEFAULT_SIZES = List.of(1, 2, 3, 4, 8);
    /** Default number of inner folds. */
    public static final int DEFAULT_INNER_FOLDS = 3;
    /** The suffix of the names: {@code rnn-best}, {@code gru-best}. */
    public static final String SUFFIX = "-best";

    private final String name;
    private final int[] sizes;
    private final int innerFolds;
    private final IntFunction<ChoiceModel> candidate;

    /** {@code cell}-best with the default sizes, inner folds and training. */
    public TinyRnnBest(String cell) {
        this(cell, DEFAULT_SIZES, DEFAULT_INNER_FOLDS, TinyRnn.Training.DEFAULT);
    }

    /**
     * @param cell       rnn or gru
     * @param sizes      candidate hidden sizes, each in [1, {@value TinyRnn#MAX_HIDDEN}]
     * @param innerFolds inner folds, &gt;= 2
     * @param training   the training of every candidate fit and of the refit
     */
    public TinyRnnBest(String cell, List<Integer> sizes, int innerFolds, TinyRnn.Training training) {
        this(checkCell(cell) + SUFFIX, sizes, innerFolds, h -> new TinyRnn(cell, h, training));
    }

    /** With any candidate factory (tests spy on what each candidate fit receives). */
    TinyRnnBest(String name, List<Integer> sizes, int innerFolds, IntFunction<ChoiceModel> candidate) {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException(name + ": no candidate size");
        }
        int[] s = sizes.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        if (s[0] < 1 || s[s.length - 1] > TinyRnn.MAX_HIDDEN) {
            throw new IllegalArgumentException(name + ": candidate sizes must be in [1, " + TinyRnn.MAX_HIDDEN
                    + "], got " + sizes);
        }
        if (innerFolds < 2) {
            throw new IllegalArgumentException(name + ": inner folds must be >= 2, got " + innerFolds);
        }
        this.name = name;
        this.sizes = s;
        this.innerFolds = innerFolds;
        this.candidate = candidate;
    }

    private static String checkCell(String cell) {
        if (!TinyRnn.CELLS.contains(cell)) {
            throw new IllegalArgumentException("tiny RNN cell must be one of " + TinyRnn.CELLS + ", got " + cell);
        }
        return cell;
    }

    /** Whether {@code name} is rnn-best or gru-best. */
    public static boolean isName(String name) {
        return name.endsWith(SUFFIX) && TinyRnn.CELLS.contains(name.substring(0, name.length() - SUFFIX.length()));
    }

    /** The model called {@code name} ({@link #isName}), with the defaults. */
    public static TinyRnnBest named(String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("not a size-selected tiny RNN: '" + name + "' (rnn-best or gru-best)");
        }
        return new TinyRnnBest(name.substring(0, name.length() - SUFFIX.length()));
    }

    @Override
    public String name() {
        return name;
    }

    /** The candidate sizes, ascending. */
    public List<Integer> sizes() {
        return Arrays.stream(sizes).boxed().toList();
    }

    @Override
    public Fitted fit(List<ChoiceSession> train, long seed) {
        ChoiceModel.requireResponses(train, name);
        List<ChoiceSession> usable = new ArrayList<>();
        for (ChoiceSession s : train) {
            if (s.responses() > 0) {
                usable.add(s);
            }
        }
        int k = Math.min(innerFolds, usable.size());
        double[] bits = new double[sizes.length];
        Arrays.fill(bits, Double.NaN);
        long steps = 0;
        List<String> unconverged = new ArrayList<>();
        int chosen = sizes[0];
        String note = "";
        if (k < 2) {
            note = "one session with a response: no inner validation, smallest size " + chosen + " taken";
        } else {
            int[] fold = CrossValidation.assignFolds(usable.size(), k, Seeds.derive(seed, "inner-folds"));
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < sizes.length; j++) {
                ChoiceModel m = candidate.apply(sizes[j]);
                double ll = 0;
                int n = 0;
                for (int f = 0; f < k; f++) {
                    List<ChoiceSession> tr = new ArrayList<>();
                    List<ChoiceSession> te = new ArrayList<>();
                    for (int i = 0; i < usable.size(); i++) {
                        (fold[i] == f ? te : tr).add(usable.get(i));
                    }
                    FittedChoiceModel fm = m.fit(tr, Seeds.derive(seed, "inner:" + sizes[j] + ":" + f));
                    steps += fm.fit().iterations();
                    if (!fm.fit().converged()) {
                        unconverged.add("n" + sizes[j] + " fold " + f);
                    }
                    for (ChoiceSession s : te) {
                        ll += fm.logLikelihood(s);
                        n += s.responses();
                    }
                }
                bits[j] = ll / n / Math.log(2);
                if (bits[j] > best) {
                    best = bits[j];
                    chosen = sizes[j];
                }
            }
        }
        FittedChoiceModel refit = candidate.apply(chosen).fit(train, Seeds.derive(seed, "refit"));
        ChoiceFit rf = refit.fit();
        steps += rf.iterations();
        List<String> names = new ArrayList<>(List.of("hidden", "inner_folds"));
        List<Double> values = new ArrayList<>(List.of((double) chosen, (double) (k < 2 ? 0 : k)));
        for (int j = 0; j < sizes.length; j++) {
            names.add("inner_bits_n" + sizes[j]);
            values.add(bits[j]);
        }
        List<String> rn = rf.names();
        double[] rv = rf.values();
        for (int i = 0; i < rn.size(); i++) {
            if (!rn.get(i).equals("hidden")) {
                names.add(rn.get(i));
                values.add(rv[i]);
            }
        }
        StringBuilder msg = new StringBuilder(note);
        if (!unconverged.isEmpty()) {
            append(msg, "inner fits not stopped early: " + String.join(", ", unconverged));
        }
        if (!rf.converged()) {
            append(msg, "refit: " + rf.note());
        }
        boolean converged = k >= 2 && unconverged.isEmpty() && rf.converged();
        ChoiceFit fit = new ChoiceFit(name, names, values.stream().mapToDouble(Double::doubleValue).toArray(),
                rf.trainLogLikelihood(), rf.objective(), (int) Math.min(Integer.MAX_VALUE, steps), converged,
                msg.toString());
        return new Fitted(refit, fit);
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(s);
    }

    /** The refitted model of the chosen size, with the selection's {@link ChoiceFit}. */
    public static final class Fitted implements FittedChoiceModel {
        private final FittedChoiceModel chosen;
        private final ChoiceFit fit;

        Fitted(FittedChoiceModel chosen, ChoiceFit fit) {
            this.chosen = chosen;
            this.fit = fit;
        }

        @Override
        public double[] probRight(ChoiceSession s) {
            return chosen.probRight(s);
        }

        @Override
        public double[] priorProbRight(ChoiceSession s) {
            return chosen.priorProbRight(s);
        }

        @Override
        public ChoiceFit fit() {
            return fit;
        }

        /** The chosen size's model refitted on all the training sessions. */
        public FittedChoiceModel chosen() {
            return chosen;
        }
    }
}
