package org.iblrnn.analysis.choice;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.iblrnn.math.Seeds;

/**
 * Cross-validation that cannot leak: one subject's sessions are dealt into k folds of whole
 * sessions (a seeded shuffle, fold sizes differing by at most one), every model is fitted on the
 * other k - 1 folds and scored on the held-out one, with the same folds for every model. Scores
 * pool the held-out trials of all folds: mean log₂-likelihood per responded trial (bits/trial;
 * chance = -1) and accuracy. No-response trials are excluded from both and counted.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /** Default number of folds. */
    public static final int DEFAULT_FOLDS = 5;

    /**
     * @param folds number of folds, &gt;= 2
     * @param seed  root seed of the fold assignment and of every fit's initialisation
     */
    public record Options(int folds, long seed) {
        public Options {
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be >= 2, got " + folds);
            }
        }
    }

    /**
     * One model fitted on all folds but {@code fold} and scored on {@code fold}.
     *
     * @param fold           the held-out fold, 0-based
     * @param fit            parameters and convergence of the fit
     * @param heldOutTrials  responded trials of the held-out fold
     * @param heldOutLogLik  their natural-log likelihood
     * @param heldOutCorrect correctly predicted choices among them
     */
    public record FoldScore(int fold, ChoiceFit fit, int heldOutTrials, double heldOutLogLik, double heldOutCorrect) {
    }

    /**
     * One model's held-out score for one subject, all folds pooled.
     *
     * @param model        the model's name
     * @param trials       held-out responded trials (all of the subject's responses)
     * @param bitsPerTrial mean log₂ P(observed choice) per responded trial
     * @param accuracy     fraction of responded trials whose choice the model predicted (P &gt; 0.5)
     * @param folds        the per-fold fits and scores
     */
    public record ModelScore(String model, int trials, double bitsPerTrial, double accuracy, List<FoldScore> folds) {
        public ModelScore {
            folds = List.copyOf(folds);
        }

        /** Bits per trial above chance (-1 bit): bitsPerTrial + 1. */
        public double bitsVsChance() {
            return bitsPerTrial + 1;
        }

        /** Whether every fold's fit converged. */
        public boolean converged() {
            return folds.stream().allMatch(f -> f.fit().converged());
        }
    }

    /**
     * Every model's score for one subject.
     *
     * @param subject        the subject's name (mouse id or agent)
     * @param sessions       sessions used
     * @param trials         trials in all
     * @param noResponses    trials without a response (excluded from every likelihood)
     * @param foldOfSession  the fold of each session, by position in the input list
     * @param scores         one per model, in the order given
     * @param fits           when kept, [model][fold] the fitted models (else empty)
     */
    public record SubjectResult(String subject, int sessions, int trials, int noResponses, int[] foldOfSession,
                                List<ModelScore> scores, List<List<FittedChoiceModel>> fits) {
        public SubjectResult {
            foldOfSession = foldOfSession.clone();
            scores = List.copyOf(scores);
            fits = List.copyOf(fits);
        }

        @Override
        public int[] foldOfSession() {
            return foldOfSession.clone();
        }

        /** The score of model {@code name}. */
        public ModelScore score(String name) {
            for (ModelScore s : scores) {
                if (s.model().equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(subject + " has no score for model " + name);
        }
    }

    /**
     * The fold of each of {@code sessions} sessions: a seeded shuffle dealt round-robin, so fold
     * sizes differ by at most one.
     */
    public static int[] assignFolds(int sessions, int folds, long seed) {
        if (sessions < folds) {
            throw new IllegalArgumentException(sessions + " sessions cannot fill " + folds + " folds");
        }
        int[] order = new int[sessions];
        for (int i = 0; i < sessions; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = sessions - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] fold = new int[sessions];
        for (int i = 0; i < sessions; i++) {
            fold[order[i]] = i % folds;
        }
        return fold;
    }

    /**
     * Scores {@code models} on one subject's sessions. Sessions without any response are dropped
     * before the folds are dealt (they carry nothing to fit or score) and counted in
     * {@code noResponses}.
     *
     * @param keepFits keep every fitted model in the result (for figures of one subject)
     * @throws IllegalArgumentException if fewer sessions with a response than folds remain
     */
    public static SubjectResult run(String subject, List<ChoiceSession> sessions, List<ChoiceModel> models,
                                    Options options, boolean keepFits) {
        List<ChoiceSession> usable = new ArrayList<>();
        int trials = 0;
        int noResponses = 0;
        for (ChoiceSession s : sessions) {
            trials += s.length();
            noResponses += s.length() - s.responses();
            if (s.responses() > 0) {
                usable.add(s);
            }
        }
        if (usable.size() < options.folds()) {
            throw new IllegalArgumentException(subject + ": " + usable.size() + " sessions with a response, fewer "
                    + "than the " + options.folds() + " folds (use --folds " + Math.max(2, usable.size())
                    + " or fewer, or leave this subject out)");
        }
        int k = options.folds();
        int[] fold = assignFolds(usable.size(), k, Seeds.derive(options.seed(), "folds:" + subject));
        List<List<ChoiceSession>> train = new ArrayList<>();
        List<List<ChoiceSession>> test = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<ChoiceSession> tr = new ArrayList<>();
            List<ChoiceSession> te = new ArrayList<>();
            for (int i = 0; i < usable.size(); i++) {
                (fold[i] == f ? te : tr).add(usable.get(i));
            }
            train.add(tr);
            test.add(te);
        }
        List<ModelScore> scores = new ArrayList<>();
        List<List<FittedChoiceModel>> fits = new ArrayList<>();
        for (ChoiceModel model : models) {
            List<FoldScore> perFold = new ArrayList<>();
            List<FittedChoiceModel> kept = new ArrayList<>();
            int n = 0;
            double ll = 0;
            double correct = 0;
            for (int f = 0; f < k; f++) {
                long seed = Seeds.derive(options.seed(), "fit:" + subject + ":" + model.name() + ":" + f);
                FittedChoiceModel fitted = model.fit(train.get(f), seed);
                int nf = 0;
                double llf = 0;
                double cf = 0;
                for (ChoiceSession s : test.get(f)) {
                    double[] p = fitted.probRight(s);
                    nf += s.responses();
                    llf += Scores.logLikelihood(s, p);
                    cf += Scores.correctPredictions(s, p);
                }
                perFold.add(new FoldScore(f, fitted.fit(), nf, llf, cf));
                n += nf;
                ll += llf;
                correct += cf;
                if (keepFits) {
                    kept.add(fitted);
                }
            }
            scores.add(new ModelScore(model.name(), n, ll / n / Math.log(2), correct / n, perFold));
            if (keepFits) {
                fits.add(kept);
            }
        }
        int[] foldOfSession = new int[sessions.size()];
        int u = 0;
        for (int i = 0; i < sessions.size(); i++) {
            foldOfSession[i] = sessions.get(i).responses() > 0 ? fold[u++] : -1;
        }
        return new SubjectResult(subject, sessions.size(), trials, noResponses, foldOfSession, scores, fits);
    }
}
