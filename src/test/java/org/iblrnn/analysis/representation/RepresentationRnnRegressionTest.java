package org.iblrnn.analysis.representation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.iblrnn.agents.AgentRunner;
import org.iblrnn.agents.BayesianObserver;
import org.iblrnn.agents.BlockModel;
import org.iblrnn.agents.ObserverTrace;
import org.iblrnn.agents.RnnAgent;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.task.BlockLengths;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskConfig;
import org.junit.jupiter.api.Test;

/**
 * Golden fingerprints of {@link Representation#analyse} on a fixed tanh RNN, recorded from the code
 * before the analyses learned about GRU and LSTM cells: the "rnn" path must stay bit-identical.
 * Three parts, so that a failure says where the numbers moved: everything but the vector fields;
 * the vector fields (one step of the map on the grid); the fixed points found from the grid.
 * A deliberate change of an analysis (or of the fixed-point finder) changes them; update the
 * constants then, saying why.
 *
 * <p>Updated 2026-11-30 when the tanh RNN kernel's pre-activations became one chain of fused
 * multiply-adds ({@code org.iblrnn.math.Simd}, the Vector API engine) and the vectorised tanh's
 * polynomial fused multiply-adds: every hidden state moved in its last bits, so every
 * fingerprint did; the analyses did not change.
 */
class RepresentationRnnRegressionTest {
    static final String CORE = "9d1641c184dac7f7";
    static final String FIELDS = "6251bdeb113e8289";
    static final String FIXED_POINTS = "a698b1e6b7c3c208";

    /** A fixed tanh RNN (H = 8) with a strong readout, so that it acts, on a 30-block session of short blocks. */
    static Representation.Result analyseFixedRnn() {
        RecurrentModel model = new RecurrentModel(new ModelConfig("rnn", 3, 8, 2));
        double[] theta = model.initialise(new SplittableRandom(11));
        int whh = model.layout().block("core.weight_hh_l0").offset();
        for (int i = whh; i < whh + 64; i++) {
            theta[i] *= 3.0;
        }
        int w = model.layout().block("readout.weight").offset();
        for (int i = w; i < theta.length; i++) {
            theta[i] *= 20.0;
        }
        TaskConfig task = TaskConfig.paper().withBlocksPerSession(30)
                .withBlockLengths(new BlockLengths.TruncatedGeometric(0.2, 3, 6));
        Session session = Session.sample(task, new SplittableRandom(5));
        AgentRunner.Result rnn = AgentRunner.run(new RnnAgent(model, theta), session, true);
        ObserverTrace obs = new BayesianObserver(task, BayesianObserver.Variant.EXACT, BlockModel.MARKOV)
                .observe(session, rnn.trials().observations());
        return Representation.analyse(model, theta, task, rnn.steps(), rnn.trials(), obs,
                new Representation.Options(1000, 5, true), new SplittableRandom(9));
    }

    @Test
    void rnnResultsAreBitIdenticalToTheRecordedOnes() {
        Representation.Result r = analyseFixedRnn();
        int points = 0;
        for (Representation.Field f : r.fields()) {
            points += f.fixedPoints().size();
        }
        assertTrue(points > 0, "the fixed model has fixed points to compare");
        String core = ResultFingerprint.of(r, java.util.Set.of("fields"));
        String fields = ResultFingerprint.of(r.fields(), java.util.Set.of("fixedPoints", "fixedPointsPlane"));
        StringBuilder fp = new StringBuilder();
        for (Representation.Field f : r.fields()) {
            fp.append(ResultFingerprint.of(f.fixedPoints(), java.util.Set.of()))
                    .append(ResultFingerprint.of(f.fixedPointsPlane(), java.util.Set.of()));
        }
        String fixed = ResultFingerprint.of(fp.toString(), java.util.Set.of());
        String all = "core " + core + ", fields " + fields + ", fixed points " + fixed;
        assertEquals(CORE, core, all);
        assertEquals(FIELDS, fields, all);
        assertEquals(FIXED_POINTS, fixed, all);
    }
}
