package org.iblrnn.task;

import java.util.Arrays;

/**
 * The closed-loop step protocol of the IBL task (reference-spec 2.1-2.3) for one session.
 *
 * <p>Lifecycle: {@link #reset(Session)}, then repeat {@link #input(double[], int)} (the agent's
 * three inputs for the current step) and {@link #step(double, double)} (the agent's action
 * probabilities) until {@link #done()}. Per-trial outcomes accumulate in arrays that can be read
 * at any time. One instance belongs to one thread; it allocates nothing per step.
 *
 * <p>Protocol, per trial with k the 0-based step within the trial:
 * <ul>
 *   <li>inputs are [oL, oR, r], where (oL, oR) = (0, 0) on the first {@code blankSteps} steps and
 *       the trial's (k - blankSteps)-th observation pair afterwards, and r is the reward emitted at
 *       the previous step (0 at the start of the session);</li>
 *   <li>emitted reward: 0 on blank steps; otherwise if max(pL, pR) &gt; threshold an action
 *       (side -1 if pL &gt; threshold, else +1) emitting the correct or error reward; otherwise on
 *       the last observation step a timeout emitting the timeout reward; otherwise the wait reward;</li>
 *   <li>an action or a timeout ends the trial; the hidden state of the agent is never reset;</li>
 *   <li>the training target on every non-blank step is the trial's stimulus side.</li>
 * </ul>
 * So feedback arrives on the first blank step of the next trial, the wait penalty first appears on
 * the second observation step, and the final emitted reward of a session is never fed back.
 */
public final class TaskEnvironment {
    /** Trial outcome code for a timeout. */
    public static final int TIMEOUT = 0;

    private Session session;
    private TaskConfig config;
    private double[] obs;
    private int nObs;
    private int blank;
    private int lastStep;
    private double threshold;

    private int trial;
    private int k;
    private double previousReward;
    private boolean done = true;
    private int totalSteps;

    private double lastReward;
    private boolean lastBlank;
    private boolean lastTrialEnded;
    private int lastTarget;
    private int lastActionSide;

    private int[] choice = new int[0];
    private int[] trialSteps = new int[0];
    private int actions;
    private int corrects;
    private int trialsDone;

    /** Starts a session: trial 0, step 0, previous reward 0. */
    public void reset(Session s) {
        this.session = s;
        this.config = s.config();
        this.obs = s.observationArray();
        this.nObs = config.maxObservations();
        this.blank = config.blankSteps();
        this.lastStep = blank + nObs - 1;
        this.threshold = config.actionThreshold();
        this.trial = 0;
        this.k = 0;
        this.previousReward = 0;
        this.done = false;
        this.totalSteps = 0;
        int n = s.trialCount();
        if (choice.length < n) {
            choice = new int[n];
            trialSteps = new int[n];
        }
        Arrays.fill(choice, 0, n, 0);
        Arrays.fill(trialSteps, 0, n, 0);
        actions = 0;
        corrects = 0;
        trialsDone = 0;
    }

    /** Writes the current step's inputs [oL, oR, previous reward] into {@code x[off..off+3)}. */
    public void input(double[] x, int off) {
        if (done) {
            throw new IllegalStateException("input() called after the session ended; call reset() first");
        }
        if (k < blank) {
            x[off] = 0.0;
            x[off + 1] = 0.0;
        } else {
            int i = ((trial * nObs) + (k - blank)) * 2;
            x[off] = obs[i];
            x[off + 1] = obs[i + 1];
        }
        x[off + 2] = previousReward;
    }

    /**
     * Applies the agent's action probabilities for the current step and advances.
     *
     * @return true if the session has ended with this step
     */
    public boolean step(double pLeft, double pRight) {
        if (done) {
            throw new IllegalStateException("step() called after the session ended; call reset() first");
        }
        int stim = session.stimSide(trial);
        lastTarget = stim > 0 ? 1 : 0;
        lastBlank = k < blank;
        lastTrialEnded = false;
        lastActionSide = 0;
        double reward;
        if (lastBlank) {
            reward = 0.0;
        } else if (pLeft > threshold || pRight > threshold) {
            int side = pLeft > threshold ? -1 : 1;
            lastActionSide = side;
            boolean correct = side == stim;
            reward = correct ? config.correctReward() : config.errorReward();
            lastTrialEnded = true;
            actions++;
            if (correct) {
                corrects++;
            }
        } else if (k == lastStep) {
            reward = config.timeoutReward();
            lastTrialEnded = true;
        } else {
            reward = config.waitReward();
        }
        lastReward = reward;
        previousReward = reward;
        totalSteps++;
        if (lastTrialEnded) {
            choice[trial] = lastActionSide;
            trialSteps[trial] = k + 1;
            trialsDone++;
            trial++;
            k = 0;
            if (trial == session.trialCount()) {
                done = true;
            }
        } else {
            k++;
        }
        return done;
    }

    public boolean done() {
        return done;
    }

    public Session session() {
        return session;
    }

    /** Index of the current trial (the trial the next step belongs to). */
    public int trial() {
        return trial;
    }

    /** 0-based step within the current trial. */
    public int stepInTrial() {
        return k;
    }

    /** Steps taken so far in this session. */
    public int totalSteps() {
        return totalSteps;
    }

    /** Reward emitted by the last step. */
    public double lastReward() {
        return lastReward;
    }

    /** Whether the last step was a blank step (no loss, no action possible). */
    public boolean lastBlank() {
        return lastBlank;
    }

    /** Training target of the last step: 0 = left, 1 = right (the trial's stimulus side). */
    public int lastTarget() {
        return lastTarget;
    }

    public boolean lastTrialEnded() {
        return lastTrialEnded;
    }

    /** Side of the action taken at the last step: -1, +1, or 0 if none. */
    public int lastActionSide() {
        return lastActionSide;
    }

    /** Trials completed so far (by action or timeout). */
    public int trialsCompleted() {
        return trialsDone;
    }

    /** Completed trials ended by an action. */
    public int actionsTaken() {
        return actions;
    }

    /** Completed trials ended by a correct action. */
    public int correctActions() {
        return corrects;
    }

    /** Choice of a completed trial: -1 left, +1 right, {@link #TIMEOUT} (0) for a timeout. */
    public int choice(int trial) {
        checkCompleted(trial);
        return choice[trial];
    }

    /** Steps the completed trial lasted, blank steps included (3..blank+maxObs for the paper). */
    public int trialSteps(int trial) {
        checkCompleted(trial);
        return trialSteps[trial];
    }

    private void checkCompleted(int t) {
        if (t < 0 || t >= trialsDone) {
            throw new IllegalArgumentException("trial must be in [0, " + trialsDone + "), got " + t);
        }
    }
}
