package org.iblrnn.train;

/** The loss or a gradient became NaN or infinite; the parameters were not updated. */
public final class TrainingDivergedException extends RuntimeException {
    private final long step;

    public TrainingDivergedException(long step, String what) {
        super("training diverged at gradient step " + step + ": " + what);
        this.step = step;
    }

    public long step() {
        return step;
    }
}
