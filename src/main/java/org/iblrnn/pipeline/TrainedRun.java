package org.iblrnn.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.iblrnn.agents.AgentRunner;
import org.iblrnn.agents.BayesianObserver;
import org.iblrnn.agents.BlockModel;
import org.iblrnn.agents.ObserverTrace;
import org.iblrnn.agents.RnnAgent;
import org.iblrnn.data.CheckpointStore;
import org.iblrnn.data.RunFolder;
import org.iblrnn.math.Seeds;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.train.Checkpoint;

/**
 * A run folder's newest trained network, as every post-training stage opens it, and the
 * evaluation session they share: {@code blocks} blocks of the run's task drawn from the seed's
 * "evaluate" stream, so evaluate, analyze, distill and compare see the same trials for the same
 * seed and size.
 *
 * @param checkpoint the newest readable checkpoint
 * @param json       its JSON file
 * @param model      the network
 * @param theta      its parameters
 * @param skipped    the newer checkpoints that did not read back, each with the reason (usually none)
 */
record TrainedRun(Checkpoint checkpoint, Path json, RecurrentModel model, double[] theta, List<String> skipped) {

    /** Opens the run in {@code runDir}; a missing folder or checkpoint is an error naming it. */
    static TrainedRun open(Path runDir) throws IOException {
        return open(runDir, line -> { });
    }

    /**
     * As {@link #open(Path)}; when newer checkpoints did not read back, {@code log} receives a
     * line starting with "warning: " naming the checkpoint used and why each newer one was skipped.
     */
    static TrainedRun open(Path runDir, Consumer<String> log) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException("--run " + runDir + ": no such folder");
        }
        RunFolder folder = new RunFolder(runDir);
        folder.readConfig();
        CheckpointStore.Latest latest = CheckpointStore.latest(folder.checkpointDir());
        if (latest.checkpoint() == null) {
            throw new IllegalArgumentException("--run " + runDir + ": no readable checkpoint in "
                    + folder.checkpointDir() + (latest.skipped().isEmpty() ? "" : " ("
                    + String.join("; ", latest.skipped()) + ")"));
        }
        Checkpoint ck = latest.checkpoint();
        TrainedRun tr = new TrainedRun(ck, latest.json(), new RecurrentModel(ck.config().model()), ck.theta(),
                List.copyOf(latest.skipped()));
        if (!tr.skipped().isEmpty()) {
            log.accept("warning: " + runDir + ": using " + folder.checkpointDir().relativize(latest.json())
                    + " (step " + tr.step() + "); skipped newer checkpoint(s) that do not read back: "
                    + String.join("; ", tr.skipped()));
        }
        return tr;
    }

    /** What summary.json records about the checkpoint used: its file, step, and any newer ones skipped. */
    Map<String, Object> provenance(Path runDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", runDir.relativize(json).toString());
        m.put("step", step());
        m.put("parametersSha256", CheckpointStore.sha256(theta));
        m.put("skippedNewer", skipped);
        return m;
    }

    /** Index of the checkpoint's last gradient step. */
    long step() {
        return checkpoint.completedSteps() - 1;
    }

    /** The run's task with {@code blocks} blocks per session. */
    TaskConfig task(int blocks) {
        return checkpoint.config().task().withBlocksPerSession(blocks);
    }

    /** The shared evaluation session. */
    Session session(int blocks, long seed) {
        return Session.sample(task(blocks), Seeds.stream(seed, "evaluate"));
    }

    /** The network and the exact Markov observer on a session. */
    record NetworkSession(AgentRunner.Result network, ObserverTrace observer) {
    }

    /** Runs the network (recording every step) and the exact observer on {@code session}. */
    NetworkSession runNetwork(Session session) {
        AgentRunner.Result rnn = AgentRunner.run(new RnnAgent("rnn", model, theta), session, true);
        ObserverTrace obs = new BayesianObserver(session.config(), BayesianObserver.Variant.EXACT, BlockModel.MARKOV)
                .observe(session, rnn.trials().observations());
        return new NetworkSession(rnn, obs);
    }
}
