package org.iblrnn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.iblrnn.task.TrialTable;

/**
 * Writes any agent's trials in the schema of the IBL mouse export (see
 * {@code ../shared/data/ibl-mice-2020/README.md}), so tools written for the mouse data read our
 * agents' behaviour: trial_num and session_num (1-based), stim_probability_left (0.8 left block,
 * 0.2 right block, 0.5 unbiased), contrast, position (-35 left / +35 right), response_choice
 * (-1, +1, 0 = no response), trial_correct, reaction_time (empty: models have no seconds).
 *
 * <p>Contrasts: a model's contrasts are observation means (the paper's 0 ... 2.5), not Michelson
 * contrasts. They are mapped <em>by rank</em> onto the IBL set {0, 0.0625, 0.125, 0.25, 0.5, 1}
 * (0.5 is the IBL training-stage contrast): the k-th smallest model contrast becomes the k-th IBL
 * value, so a 6-level model set maps onto all six and a 5-level set onto
 * {0, 0.0625, 0.125, 0.25, 1}. Tables whose contrasts already lie in [0, 1] are written as they are.
 */
public final class MouseCsvWriter {
    /** The header of the IBL export. */
    public static final String HEADER = "trial_num,session_num,stim_probability_left,contrast,position,"
            + "response_choice,trial_correct,reaction_time";

    private static final double[] IBL6 = {0, 0.0625, 0.125, 0.25, 0.5, 1};
    private static final double[] IBL5 = {0, 0.0625, 0.125, 0.25, 1};

    private MouseCsvWriter() {
    }

    /** The rank mapping from the table's distinct contrasts to IBL contrasts (identity if all in [0, 1]). */
    public static double[][] contrastMap(TrialTable t) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (int i = 0; i < t.size(); i++) {
            distinct.add(t.contrastAt(i));
        }
        double[] from = distinct.stream().mapToDouble(Double::doubleValue).toArray();
        if (from.length == 0 || from[from.length - 1] <= 1.0) {
            return new double[][] {from, from.clone()};
        }
        double[] target = from.length == 5 ? IBL5 : IBL6;
        if (from.length > target.length) {
            throw new IllegalArgumentException("a table with " + from.length
                    + " contrast levels cannot be mapped by rank onto the " + target.length + " IBL contrasts");
        }
        return new double[][] {from, Arrays.copyOf(target, from.length)};
    }

    /** The CSV text. */
    public static String format(TrialTable t) {
        double[][] map = contrastMap(t);
        StringBuilder sb = new StringBuilder(t.size() * 48).append(HEADER).append('\n');
        int trialNum = 0;
        int lastSession = Integer.MIN_VALUE;
        for (int i = 0; i < t.size(); i++) {
            int s = t.sessionAt(i);
            trialNum = s == lastSession ? trialNum + 1 : 1;
            lastSession = s;
            double pLeft = t.blockSideAt(i) < 0 ? 0.8 : t.blockSideAt(i) > 0 ? 0.2 : 0.5;
            double c = map[1][Arrays.binarySearch(map[0], t.contrastAt(i))];
            double rt = t.reactionTimeAt(i);
            sb.append(trialNum).append(',').append(s + 1).append(',').append(pLeft).append(',').append(c).append(',')
                    .append(t.stimSideAt(i) < 0 ? "-35.0" : "35.0").append(',').append(t.choiceAt(i)).append(',')
                    .append(t.correct(i) ? "1.0" : "0.0").append(',')
                    .append(Double.isNaN(rt) ? "" : String.format(Locale.ROOT, "%s", rt)).append('\n');
        }
        return sb.toString();
    }

    /** Writes the CSV atomically. */
    public static void write(Path file, TrialTable t) throws IOException {
        AtomicFiles.writeString(file, format(t));
    }

    /** The IBL contrast sets used by the rank mapping. */
    public static List<double[]> targets() {
        return List.of(IBL5.clone(), IBL6.clone());
    }
}
