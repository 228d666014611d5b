package org.iblrnn.train;

import org.iblrnn.math.Checks;
import org.iblrnn.nn.Loss;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.Precision;
import org.iblrnn.task.TaskConfig;

/**
 * Everything that determines a training run's result. Defaults live in {@link #paper()}.
 *
 * @param task              the task sessions are sampled from
 * @param model             network shape
 * @param loss              per-step loss ("prob" reproduces the paper's code; "ce" its text)
 * @param optimizer         optimiser and hyper-parameters
 * @param batchSize         sessions per gradient step (paper: 1)
 * @param steps             gradient steps (paper: 100,001, i.e. steps 0..100,000)
 * @param seed              root seed; every random stream is derived from it by name
 * @param clipNorm          global gradient-norm clipping threshold; 0 = off (paper: off)
 * @param omitFinalStepLoss drop the loss of each session's last step, as the paper's code does
 *                          by an off-by-one in its driver loop (reference-spec 2.4)
 * @param metricsEvery      write a metrics row every this many gradient steps (100)
 * @param checkpointEvery   write a checkpoint every this many gradient steps (5000)
 * @param precision         arithmetic of the forward and backward passes: float64 (default, every
 *                          cell) or float32 (PyTorch's dtype, tanh RNN only, about twice as fast;
 *                          see {@link Precision})
 */
public record TrainConfig(
        TaskConfig task,
        ModelConfig model,
        Loss loss,
        OptimizerConfig optimizer,
        int batchSize,
        long steps,
        long seed,
        double clipNorm,
        boolean omitFinalStepLoss,
        int metricsEvery,
        int checkpointEvery,
        Precision precision) {

    /** Most gradient steps a run may ask for on the command line (a larger number is a typo, not a plan). */
    public static final long MAX_STEPS = 1_000_000_000L;

    /** {@code steps} if it is in [1, {@link #MAX_STEPS}]; otherwise an error saying so. */
    public static long requireRunnableSteps(long steps) {
        if (steps <= 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps must be in [1, " + MAX_STEPS + "] (10^9 steps of the paper's "
                    + "network take about two weeks on 2 cores), got " + steps);
        }
        return steps;
    }

    public TrainConfig {
        if (task == null || model == null || loss == null || optimizer == null || precision == null) {
            throw new IllegalArgumentException("task, model, loss, optimizer and precision must all be given");
        }
        precision.requireEngineFor(model.cell());
        if (model.inputSize() != 3 || model.outputSize() != 2) {
            throw new IllegalArgumentException("the IBL task needs 3 inputs and 2 outputs, got "
                    + model.inputSize() + " and " + model.outputSize());
        }
        if (batchSize <= 0 || batchSize > 4096) {
            throw new IllegalArgumentException("batch size must be in [1, 4096], got " + batchSize);
        }
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be > 0, got " + steps);
        }
        Checks.nonNegative(clipNorm, "gradient clipping norm");
        Checks.positive(metricsEvery, "metrics interval");
        Checks.positive(checkpointEvery, "checkpoint interval");
    }

    /** As the canonical constructor, in float64 precision. */
    public TrainConfig(TaskConfig task, ModelConfig model, Loss loss, OptimizerConfig optimizer, int batchSize,
            long steps, long seed, double clipNorm, boolean omitFinalStepLoss, int metricsEvery, int checkpointEvery) {
        this(task, model, loss, optimizer, batchSize, steps, seed, clipNorm, omitFinalStepLoss, metricsEvery,
                checkpointEvery, Precision.FLOAT64);
    }

    /** The paper's training protocol (reference-spec 3). */
    public static TrainConfig paper() {
        return new TrainConfig(TaskConfig.paper(), ModelConfig.paper(), Loss.PROB, OptimizerConfig.paperSgd(),
                1, 100_001, 1, 0.0, true, 100, 5000);
    }

    public TrainConfig withTask(TaskConfig t) {
        return new TrainConfig(t, model, loss, optimizer, batchSize, steps, seed, clipNorm, omitFinalStepLoss,
                metricsEvery, checkpointEvery, precision);
    }

    public TrainConfig withModel(ModelConfig m) {
        return new TrainConfig(task, m, loss, optimizer, batchSize, steps, seed, clipNorm, omitFinalStepLoss,
                metricsEvery, checkpointEvery, precision);
    }

    public TrainConfig withLoss(Loss l) {
        return new TrainConfig(task, model, l, optimizer, batchSize, steps, seed, clipNorm, omitFinalStepLoss,
                metricsEvery, checkpointEvery, precision);
    }

    public TrainConfig withOptimizer(OptimizerConfig o) {
        return new TrainConfig(task, model, loss, o, batchSize, steps, seed, clipNorm, omitFinalStepLoss,
                metricsEvery, checkpointEvery, precision);
    }

    public TrainConfig withBatchSize(int b) {
        return new TrainConfig(task, model, loss, optimizer, b, steps, seed, clipNorm, omitFinalStepLoss,
                metricsEvery, checkpointEvery, precision);
    }

    public TrainConfig withSteps(long n) {
        return new TrainConfig(task, model, loss, optimizer, batchSize, n, seed, clipNorm, omitFinalStepLoss,
                metricsEvery, checkpointEvery, precision);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(task, model, loss, optimizer, batchSize, steps, s, clipNorm, omitFinalStepLoss,
                metricsEvery, checkpointEvery, precision);
    }

    public TrainConfig withClipNorm(double c) {
        return new TrainConfig(task, model, loss, optimizer, batchSize, steps, seed, c, omitFinalStepLoss,
                metricsEvery, checkpointEvery, precision);
    }

    public TrainConfig withIntervals(int metrics, int checkpoints) {
        return new TrainConfig(task, model, loss, optimizer, batchSize, steps, seed, clipNorm, omitFinalStepLoss,
                metrics, checkpoints, precision);
    }

    /** The same run computed in another precision. */
    public TrainConfig withPrecision(Precision p) {
        return new TrainConfig(task, model, loss, optimizer, batchSize, steps, seed, clipNorm, omitFinalStepLoss,
                metricsEvery, checkpointEvery, p);
    }
}
