package org.iblrnn.agents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.iblrnn.task.Session;
import org.iblrnn.task.TaskEnvironment;

/**
 * One trial as an agent experienced it, for the {@link BayesianObserver}: its true stimulus side
 * and the observation pairs the agent saw before it acted or timed out (the first
 * n_obs = trial steps - blank steps observations of the trial). Arrays are copied in and out.
 *
 * @param stimSide true stimulus side, -1 (left) or +1 (right)
 * @param obsLeft  left observations in order, shape [n_obs], finite
 * @param obsRight right observations in order, shape [n_obs], finite
 */
public record ObservedTrial(int stimSide, double[] obsLeft, double[] obsRight) {
    public ObservedTrial {
        StimulusLikelihood.sideIndex(stimSide);
        if (obsLeft == null || obsRight == null) {
            throw new IllegalArgumentException("observations must be given, got null");
        }
        if (obsLeft.length != obsRight.length) {
            throw new IllegalArgumentException("obsLeft and obsRight must have the same length, got "
                    + obsLeft.length + " and " + obsRight.length);
        }
        obsLeft = obsLeft.clone();
        obsRight = obsRight.clone();
        for (int i = 0; i < obsLeft.length; i++) {
            if (!Double.isFinite(obsLeft[i]) || !Double.isFinite(obsRight[i])) {
                throw new IllegalArgumentException("observations must be finite, got (" + obsLeft[i] + ", "
                        + obsRight[i] + ") at index " + i);
            }
        }
    }

    /** Number of observation steps seen. */
    public int observations() {
        return obsLeft.length;
    }

    @Override
    public double[] obsLeft() {
        return obsLeft.clone();
    }

    @Override
    public double[] obsRight() {
        return obsRight.clone();
    }

    double left(int i) {
        return obsLeft[i];
    }

    double right(int i) {
        return obsRight[i];
    }

    /** Trial {@code trial} of {@code session} with its first {@code observations} observation pairs. */
    public static ObservedTrial of(Session session, int trial, int observations) {
        int max = session.config().maxObservations();
        if (observations < 0 || observations > max) {
            throw new IllegalArgumentException("observations must be in [0, " + max + "], got " + observations);
        }
        double[] l = new double[observations];
        double[] r = new double[observations];
        for (int i = 0; i < observations; i++) {
            l[i] = session.observationLeft(trial, i);
            r[i] = session.observationRight(trial, i);
        }
        return new ObservedTrial(session.stimSide(trial), l, r);
    }

    /**
     * The completed trials of a closed-loop run ({@code env} after running {@code session}), each
     * with the observations the agent saw: trial steps - blank steps of them.
     */
    public static List<ObservedTrial> listFrom(Session session, TaskEnvironment env) {
        if (env.session() != session) {
            throw new IllegalArgumentException("env must hold the given session");
        }
        int blank = session.config().blankSteps();
        int[] obs = new int[env.trialsCompleted()];
        for (int t = 0; t < obs.length; t++) {
            obs[t] = env.trialSteps(t) - blank;
        }
        return listFrom(session, obs);
    }

    /**
     * Trials 0..n-1 of {@code session}, trial t with its first {@code observations[t]}
     * observation pairs (e.g. {@code AgentRunner.run(...).trials().observations()}).
     *
     * @param observations observation steps seen per trial, shape [n], n &lt;= the session's trials
     */
    public static List<ObservedTrial> listFrom(Session session, int[] observations) {
        if (observations.length > session.trialCount()) {
            throw new IllegalArgumentException("observations must have at most " + session.trialCount()
                    + " entries (the session's trials), got " + observations.length);
        }
        List<ObservedTrial> out = new ArrayList<>(observations.length);
        for (int t = 0; t < observations.length; t++) {
            out.add(of(session, t, observations[t]));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObservedTrial t && t.stimSide == stimSide && Arrays.equals(t.obsLeft, obsLeft)
                && Arrays.equals(t.obsRight, obsRight);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * stimSide + Arrays.hashCode(obsLeft)) + Arrays.hashCode(obsRight);
    }

    @Override
    public String toString() {
        return "ObservedTrial[stimSide=" + stimSide + ", obsLeft=" + Arrays.toString(obsLeft) + ", obsRight="
                + Arrays.toString(obsRight) + "]";
    }
}
