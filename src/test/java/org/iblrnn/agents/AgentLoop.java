package org.iblrnn.agents;

import org.iblrnn.task.Session;
import org.iblrnn.task.TaskEnvironment;

/**
 * Test driver: runs an {@link Agent} through one whole session in closed loop, exactly as
 * {@link org.iblrnn.train.ClosedLoop} runs the network and {@link AgentRunner} runs agents
 * (reference-spec 2.4): reset the agent and the task, then per step x = env.input,
 * p = agent.step(x), env.step(p[0], p[1]), until the session ends, with a per-step callback
 * that sees both probabilities and the live environment.
 */
final class AgentLoop {
    /** Called after every step, once the environment has applied it. */
    @FunctionalInterface
    interface StepListener {
        /**
         * @param step  0-based step index in the session
         * @param x     the agent's inputs of this step, shape [3]; do not modify
         * @param p     the agent's output of this step, shape [2]; do not modify
         * @param agent the agent, whose {@link Agent#stateInto} holds the state after this step
         * @param env   the environment after this step ({@code lastReward()}, {@code lastTrialEnded()}, ...)
         */
        void onStep(int step, double[] x, double[] p, Agent agent, TaskEnvironment env);
    }

    private final double[] x = new double[3];
    private final double[] p = new double[2];

    /** Runs {@code agent} through {@code session} from its reset state. */
    void run(Agent agent, Session session, TaskEnvironment env) {
        run(agent, session, env, null);
    }

    /** As {@link #run(Agent, Session, TaskEnvironment)}, calling {@code listener} (may be null) after each step. */
    void run(Agent agent, Session session, TaskEnvironment env, StepListener listener) {
        agent.reset();
        env.reset(session);
        int t = 0;
        while (!env.done()) {
            env.input(x, 0);
            agent.step(x, p);
            env.step(p[0], p[1]);
            if (listener != null) {
                listener.onStep(t, x, p, agent, env);
            }
            t++;
        }
    }
}
