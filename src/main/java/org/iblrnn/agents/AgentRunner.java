package org.iblrnn.agents;

import java.util.LinkedHashMap;
import java.util.Map;

import org.iblrnn.task.Session;
import org.iblrnn.task.TaskEnvironment;
import org.iblrnn.task.TrialTable;

/**
 * Runs any {@link Agent} through a whole {@link Session} in closed loop, with the task's step
 * protocol ({@link TaskEnvironment}): the agent's probabilities decide when it acts, and the
 * feedback is its next input.
 *
 * <p>Sharing sessions: every trial's observations are drawn up front (10 per trial), so two agents
 * run on the same {@code Session} see the same blocks, sides, contrasts and observation noise;
 * an agent that decides after k observations simply sees the first k of them.
 */
public final class AgentRunner {
    private AgentRunner() {
    }

    /** Trials of a run and, if asked for, its per-step record. */
    public record Result(TrialTable trials, StepRecord steps) {
    }

    /**
     * Runs {@code agent} (reset first) through {@code session}.
     *
     * @param recordSteps also keep the per-step record (inputs, probabilities, rewards, states)
     */
    public static Result run(Agent agent, Session session, boolean recordSteps) {
        TaskEnvironment env = new TaskEnvironment();
        env.reset(session);
        agent.reset();
        int nTrials = session.trialCount();
        int s = agent.stateSize();
        int cap = recordSteps ? Math.max(16, nTrials * 4) : 0;
        int[] trial = new int[cap];
        int[] kIn = new int[cap];
        double[] inputs = new double[cap * 3];
        double[] pr = new double[cap];
        double[] rew = new double[cap];
        double[] states = new double[cap * s];
        double[] x = new double[3];
        double[] p = new double[2];
        int t = 0;
        while (!env.done()) {
            int tr = env.trial();
            int k = env.stepInTrial();
            env.input(x, 0);
            agent.step(x, p);
            env.step(p[0], p[1]);
            if (recordSteps) {
                if (t == trial.length) {
                    int n = trial.length * 2;
                    trial = java.util.Arrays.copyOf(trial, n);
                    kIn = java.util.Arrays.copyOf(kIn, n);
                    inputs = java.util.Arrays.copyOf(inputs, n * 3);
                    pr = java.util.Arrays.copyOf(pr, n);
                    rew = java.util.Arrays.copyOf(rew, n);
                    states = java.util.Arrays.copyOf(states, n * s);
                }
                trial[t] = tr;
                kIn[t] = k;
                System.arraycopy(x, 0, inputs, t * 3, 3);
                pr[t] = p[1];
                rew[t] = env.lastReward();
                agent.stateInto(states, t * s);
            }
            t++;
        }
        StepRecord rec = recordSteps ? new StepRecord(t, agent.stateNames(), java.util.Arrays.copyOf(trial, t),
                java.util.Arrays.copyOf(kIn, t), java.util.Arrays.copyOf(inputs, t * 3),
                java.util.Arrays.copyOf(pr, t), java.util.Arrays.copyOf(rew, t),
                java.util.Arrays.copyOf(states, t * s)) : null;
        return new Result(trials(agent.name(), session, env, new LinkedHashMap<>()), rec);
    }

    /** The trial table of a finished environment. */
    public static TrialTable trials(String agent, Session session, TaskEnvironment env, Map<String, double[]> extra) {
        int n = env.trialsCompleted();
        int[] sess = new int[n];
        int[] block = new int[n];
        int[] blockSide = new int[n];
        int[] inBlock = new int[n];
        int[] stim = new int[n];
        double[] contrast = new double[n];
        int[] choice = new int[n];
        int[] obs = new int[n];
        int[] steps = new int[n];
        double[] rt = new double[n];
        int blank = session.config().blankSteps();
        for (int i = 0; i < n; i++) {
            block[i] = session.trialBlock(i);
            blockSide[i] = session.blockSide(block[i]);
            inBlock[i] = session.trialInBlock(i);
            stim[i] = session.stimSide(i);
            contrast[i] = session.contrast(i);
            choice[i] = env.choice(i);
            steps[i] = env.trialSteps(i);
            obs[i] = steps[i] - blank;
            rt[i] = Double.NaN;
        }
        return new TrialTable(agent, sess, block, blockSide, inBlock, stim, contrast, choice, obs, steps, rt, extra);
    }
}
