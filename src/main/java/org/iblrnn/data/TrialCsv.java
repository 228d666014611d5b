package org.iblrnn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.iblrnn.task.TrialTable;

/**
 * Writes a {@link TrialTable} as {@code trials.csv}: one row per trial with the columns
 * trial, session, block, block_side, trial_in_block, stim_side, contrast, signed_contrast,
 * concordant, choice (-1 left, +1 right, 0 timeout), correct, observations, steps, reward
 * (+1 correct, -1 wrong or timeout), reaction_time (seconds; empty for models), then every extra
 * column by name. Numbers are written with Java's shortest round-trip representation.
 */
public final class TrialCsv {
    /** The fixed columns, in order. */
    public static final String HEADER = "trial,session,block,block_side,trial_in_block,stim_side,contrast,"
            + "signed_contrast,concordant,choice,correct,observations,steps,reward,reaction_time";

    private TrialCsv() {
    }

    /** The CSV text of a table. */
    public static String format(TrialTable t) {
        StringBuilder sb = new StringBuilder(t.size() * 64);
        sb.append(HEADER);
        for (String e : t.extraNames()) {
            sb.append(',').append(e);
        }
        sb.append('\n');
        for (int i = 0; i < t.size(); i++) {
            sb.append(i).append(',').append(t.sessionAt(i)).append(',').append(t.blockAt(i)).append(',')
                    .append(t.blockSideAt(i)).append(',').append(t.trialInBlockAt(i)).append(',')
                    .append(t.stimSideAt(i)).append(',').append(num(t.contrastAt(i))).append(',')
                    .append(num(t.signedContrast(i))).append(',').append(t.concordant(i) ? 1 : 0).append(',')
                    .append(t.choiceAt(i)).append(',').append(t.correct(i) ? 1 : 0).append(',')
                    .append(t.observationsAt(i)).append(',').append(t.stepsAt(i)).append(',')
                    .append(t.correct(i) ? 1 : -1).append(',').append(num(t.reactionTimeAt(i)));
            for (String e : t.extraNames()) {
                sb.append(',').append(num(t.extraAt(e, i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes the table atomically. */
    public static void write(Path file, TrialTable t) throws IOException {
        AtomicFiles.writeString(file, format(t));
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return Double.toString(v);
    }
}
