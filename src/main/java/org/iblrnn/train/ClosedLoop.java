package org.iblrnn.train;

import org.iblrnn.nn.SequenceTape;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskEnvironment;

/**
 * Runs a network through one whole session in closed loop: its action probabilities drive the
 * task, whose feedback is its next input. Every non-blank step gets the trial's stimulus side
 * as its target with weight 1; blank steps get none.
 */
public final class ClosedLoop {
    private final double[] x = new double[3];

    /**
     * Runs {@code session} from h_0 = 0 with parameters {@code theta}, recording into {@code tape}.
     * On return the environment holds the trial outcomes and the tape the whole forward pass.
     */
    public void run(Session session, double[] theta, SequenceTape tape, TaskEnvironment env) {
        env.reset(session);
        tape.begin(theta);
        while (!env.done()) {
            env.input(x, 0);
            int t = tape.forward(x, 0);
            env.step(tape.prob(t, 0), tape.prob(t, 1));
            if (!env.lastBlank()) {
                tape.target(env.lastTarget(), 1.0);
            }
        }
    }
}
