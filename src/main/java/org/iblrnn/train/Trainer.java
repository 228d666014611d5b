package org.iblrnn.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.iblrnn.math.Seeds;
import org.iblrnn.nn.ParamBlock;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.nn.SequenceTape;
import org.iblrnn.task.Session;
import org.iblrnn.task.TaskEnvironment;

/**
 * Gradient steps on the IBL task (reference-spec 3).
 *
 * <p>One gradient step samples {@code batchSize} fresh sessions, runs the network through each in
 * closed loop from h_0 = 0, backpropagates through each whole session, and applies the optimiser
 * to the mean over sessions of each session's objective
 * L_b = (1/T_b) sum_t w_t l_t, where T_b is the session's number of steps (blank steps
 * included in the count, as the paper's code normalises), w_t = 0 on blank steps and, when
 * {@code omitFinalStepLoss}, on the session's final step.
 *
 * <p>Determinism: session b of gradient step g is sampled from the seed
 * derive(derive(derive(seed, "task"), g), b), so each step's data depend only on (seed, g, b).
 * Sessions are distributed over threads, but each session's gradient goes into its own buffer and
 * the buffers are summed in session order, so results are bit-identical for any thread count.
 * Sessions in a batch run independently to their own ends (the paper's code truncates all at the
 * first to finish, which only matters for batch &gt; 1).
 *
 * <p>Precision: the forward and backward passes run on a {@link org.iblrnn.nn.Tape} (float64) or,
 * with {@code precision float32}, a {@link org.iblrnn.nn.FloatTape}; the summed gradient, the
 * optimiser and the parameters are float64 either way.
 */
public final class Trainer implements AutoCloseable {
    private final TrainConfig config;
    private final RecurrentModel model;
    private final int threads;
    private final long taskSeed;
    private final ExecutorService pool;
    private final Worker[] workers;
    private final double[][] sessionGrads;
    private final double[] sessionLoss;
    private final StepMetrics[] sessionMetrics;
    private final double[] grad;

    /**
     * @param threads worker threads for the sessions of a batch (1 = run on the caller's thread);
     *                the result does not depend on it
     */
    public Trainer(TrainConfig config, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.config = config;
        this.model = new RecurrentModel(config.model());
        this.threads = Math.min(threads, config.batchSize());
        this.taskSeed = Seeds.derive(config.seed(), "task");
        int p = model.layout().size();
        this.workers = new Worker[this.threads];
        int cap = Math.min(config.task().maxStepsPerSession(), 8192);
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(model.newTape(cap, config.precision()));
        }
        this.sessionGrads = new double[config.batchSize()][p];
        this.sessionLoss = new double[config.batchSize()];
        this.sessionMetrics = new StepMetrics[config.batchSize()];
        this.grad = new double[p];
        this.pool = this.threads > 1 ? Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "iblrnn-trainer");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public TrainConfig config() {
        return config;
    }

    public RecurrentModel model() {
        return model;
    }

    /** Worker threads actually used (at most the batch size). */
    public int threads() {
        return threads;
    }

    /** A fresh state: PyTorch-default initial weights from the "init" stream, a fresh optimiser. */
    public TrainingState initialState() {
        double[] theta = model.initialise(Seeds.stream(config.seed(), "init"));
        return new TrainingState(theta, config.optimizer().create(theta.length), 0, 0, StepMetrics.EMPTY);
    }

    /** The session that session {@code b} of gradient step {@code step} trains on. */
    public Session sessionFor(long step, int b) {
        long s = Seeds.derive(Seeds.derive(taskSeed, step), b);
        return Session.sample(config.task(), new SplittableRandom(s));
    }

    /**
     * One gradient step: sample, forward, backward, optimise. Updates {@code state} in place.
     *
     * @return this step's metrics
     * @throws TrainingDivergedException if the loss or gradient is not finite (state unchanged)
     */
    public StepMetrics step(TrainingState state) {
        long g = state.completedSteps();
        if (g >= config.steps()) {
            throw new IllegalStateException("all " + config.steps() + " steps are done");
        }
        double[] theta = state.theta();
        int batch = config.batchSize();
        runBatch(g, theta, true);
        Arrays.fill(grad, 0.0);
        double loss = 0;
        StepMetrics m = new StepMetrics(1, 0, 0, 0, 0, 0);
        for (int b = 0; b < batch; b++) {
            double[] gb = sessionGrads[b];
            for (int i = 0; i < grad.length; i++) {
                grad[i] += gb[i];
            }
            loss += sessionLoss[b];
            m = m.plus(sessionMetrics[b]);
        }
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(g, "loss is " + loss);
        }
        for (int i = 0; i < grad.length; i++) {
            if (!Double.isFinite(grad[i])) {
                ParamBlock blk = model.layout().blockOf(i);
                throw new TrainingDivergedException(g, "gradient of " + blk.name() + " is " + grad[i]);
            }
        }
        clip(grad, config.clipNorm());
        state.optimizer().step(theta, grad);
        StepMetrics result = new StepMetrics(1, loss, m.trials(), m.actions(), m.correct(), m.rnnSteps());
        state.advance(result);
        return result;
    }

    /**
     * Runs the sessions of gradient step {@code step} forward only (no gradient, no update), e.g.
     * to measure speed or behaviour. Returns their metrics; the loss field is the objective.
     */
    public StepMetrics forwardOnly(double[] theta, long step) {
        runBatch(step, theta, false);
        double loss = 0;
        StepMetrics m = StepMetrics.EMPTY;
        for (int b = 0; b < config.batchSize(); b++) {
            loss += sessionLoss[b];
            m = m.plus(sessionMetrics[b]);
        }
        return new StepMetrics(1, loss, m.trials(), m.actions(), m.correct(), m.rnnSteps());
    }

    private void runBatch(long g, double[] theta, boolean backward) {
        int batch = config.batchSize();
        if (pool == null) {
            for (int b = 0; b < batch; b++) {
                runSession(workers[0], g, b, theta, backward);
            }
            return;
        }
        // sessions are handed out one at a time (lengths differ, so a fixed split leaves one
        // thread idle at the end); each writes only its own slot, so the result does not depend
        // on which thread ran it
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> jobs = new ArrayList<>(threads);
        for (int w = 0; w < threads; w++) {
            final Worker wk = workers[w];
            jobs.add(() -> {
                for (int b = next.getAndIncrement(); b < batch; b = next.getAndIncrement()) {
                    runSession(wk, g, b, theta, backward);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        }
    }

    private void runSession(Worker w, long g, int b, double[] theta, boolean backward) {
        Session s = sessionFor(g, b);
        w.loop.run(s, theta, w.tape, w.env);
        int steps = w.tape.length();
        if (config.omitFinalStepLoss()) {
            w.tape.setWeight(steps - 1, 0.0);
        }
        double scale = 1.0 / ((double) steps * config.batchSize());
        if (backward) {
            double[] gb = sessionGrads[b];
            Arrays.fill(gb, 0.0);
            sessionLoss[b] = w.tape.backward(config.loss(), scale, gb);
        } else {
            sessionLoss[b] = w.tape.loss(config.loss(), scale);
        }
        sessionMetrics[b] = new StepMetrics(0, 0, w.env.trialsCompleted(), w.env.actionsTaken(),
                w.env.correctActions(), steps);
    }

    /** PyTorch clip_grad_norm_: scales g by maxNorm / (||g|| + 1e-6) when that is below 1. */
    static void clip(double[] g, double maxNorm) {
        if (maxNorm <= 0) {
            return;
        }
        double sq = 0;
        for (double v : g) {
            sq += v * v;
        }
        double coef = maxNorm / (Math.sqrt(sq) + 1e-6);
        if (coef < 1) {
            for (int i = 0; i < g.length; i++) {
                g[i] *= coef;
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static final class Worker {
        final SequenceTape tape;
        final TaskEnvironment env = new TaskEnvironment();
        final ClosedLoop loop = new ClosedLoop();

        Worker(SequenceTape tape) {
            this.tape = tape;
        }
    }
}
