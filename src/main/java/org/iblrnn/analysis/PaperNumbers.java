package org.iblrnn.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.iblrnn.math.Arrays2;

/**
 * The one table of the values the paper (Schaeffer et al., NeurIPS 2020) publishes and we compare
 * against: each with the section it comes from, the figure where the paper names one, the value
 * as the paper prints it, the value as a number and the absolute tolerance within which we call it
 * reproduced. Every stage summary, the report's numbers table, the sweep's figures and the figure
 * captions read their paper values here; nothing else writes one.
 */
public final class PaperNumbers {

    /**
     * One published value.
     *
     * @param section   the paper's section, as the report's numbers table shows it
     * @param figure    the paper's figure ("" where the value is only in the text)
     * @param printed   the value as the paper prints it
     * @param value     the value as a number (NaN where the paper gives none, e.g. "small")
     * @param tolerance absolute tolerance within which a value of ours reproduces it (NaN: none)
     * @param whole     a count or whole degrees, written to summaries as an integer
     */
    public record Value(String section, String figure, String printed, double value, double tolerance,
                        boolean whole) {

        /** The value as the stage summaries write it: an integer when whole, the printed text when not a number. */
        public Object json() {
            if (!Double.isFinite(value)) {
                return printed;
            }
            return whole ? (Object) (int) value : (Object) value;
        }

        /**
         * The value in percent with {@code decimals} decimals, rounded from its exact decimal form
         * (0.855 -> "85.5").
         */
        public String percent(int decimals) {
            return BigDecimal.valueOf(value).movePointRight(2).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        }
    }

    /**
     * A published matrix.
     *
     * @param section   the paper's section
     * @param figure    the paper's figure
     * @param tolerance absolute tolerance per entry
     */
    public record Matrix(String section, String figure, double[][] values, double tolerance) {

        public Matrix {
            values = Arrays2.deepCopy(values);
        }

        /** A copy of the entries. */
        @Override
        public double[][] values() {
            return Arrays2.deepCopy(values);
        }

        /** Entry (i, j). */
        public double get(int i, int j) {
            return values[i][j];
        }
    }

    static final String BEHAVIOUR = "behaviour (3.1)";
    static final String REPRESENTATIONS = "representations (3.2)";
    static final String MECHANISM = "mechanism (3.3)";
    static final String DISTILLATION = "distillation (3.3.2)";

    /** The 50-unit network's fraction of trials correct. */
    public static final Value FRACTION_CORRECT = new Value(BEHAVIOUR, "", "85.50%", 0.855, 0.02, false);
    /** The network against the Bayesian observer: "nearly matching". */
    public static final Value NETWORK_MINUS_OBSERVER = new Value(BEHAVIOUR, "", "nearly matching (~0)", 0.0, 0.02,
            false);
    /** Fraction of the hidden states' variance in the first two principal components. */
    public static final Value VARIANCE_2PCS = new Value(REPRESENTATIONS, "Fig. 4a", "88.74%", 0.8874, 0.03, false);
    /** Fraction of the stimulus readout's length inside the PCA plane. */
    public static final Value READOUT_IN_PLANE = new Value(REPRESENTATIONS, "", "93.39%", 0.9339, 0.03, false);
    /** Held-out accuracy of the block side decoded from the full hidden state. */
    public static final Value BLOCK_DECODING_FULL = new Value(REPRESENTATIONS, "", "82.6%", 0.826, 0.03, false);
    /** Held-out accuracy of the block side decoded from the PCA plane. */
    public static final Value BLOCK_DECODING_PLANE = new Value(REPRESENTATIONS, "", "82.5%", 0.825, 0.03,
            false);
    /** Angle between the stimulus and block readouts inside the PCA plane, degrees. */
    public static final Value READOUT_ANGLE_PLANE = new Value(REPRESENTATIONS, "", "68°", 68, 5.0, true);
    /** Angle between the stimulus and block readouts in the full space, degrees. */
    public static final Value READOUT_ANGLE_FULL = new Value(REPRESENTATIONS, "", "73°", 73, 5.0, true);
    /** Change of the stimulus belief per unit of observation difference. */
    public static final Value OBSERVATION_SLOPE_STIMULUS = new Value(REPRESENTATIONS, "Fig. 5a", "0.84", 0.84, 0.1,
            false);
    /** Change of the block belief per unit of observation difference. */
    public static final Value OBSERVATION_SLOPE_BLOCK = new Value(REPRESENTATIONS, "Fig. 5b", "0.18", 0.18, 0.06,
            false);
    /** Ratio of the two observation slopes: printed "~5", the number is the ratio of the printed slopes. */
    public static final Value OBSERVATION_SLOPE_RATIO = new Value(REPRESENTATIONS, "Fig. 5a-b", "~5",
            OBSERVATION_SLOPE_STIMULUS.value() / OBSERVATION_SLOPE_BLOCK.value(), 2.0, false);
    /** Effect of feedback on the beliefs: the paper calls it small and gives no number. */
    public static final Value FEEDBACK_SLOPE = new Value(REPRESENTATIONS, "", "small", Double.NaN, Double.NaN,
            false);
    /** Clusters of hidden units (two anticorrelated subpopulations). */
    public static final Value UNIT_CLUSTERS = new Value(MECHANISM, "", "2", 2, 0.5, true);
    /** The distilled 2-unit RADD model's fraction of trials correct. */
    public static final Value RADD_FRACTION_CORRECT = new Value(DISTILLATION, "Fig. 8", "86.87%", 0.8687, 0.02,
            false);
    /** RADD minus the network, fraction correct (86.87% vs 85.50%). */
    public static final Value RADD_MINUS_NETWORK = new Value(DISTILLATION, "Fig. 8", "+1.37 points", 0.0137, 0.02,
            false);
    /** RADD's recurrent matrix A' (rows: stimulus unit, block unit). */
    public static final Matrix RADD_A = new Matrix(DISTILLATION, "Fig. 8", new double[][] {{0.54, 0.31},
        {0.19, 0.84}}, 0.1);
    /** RADD's input matrix B' (columns: left observation, right observation, bias). */
    public static final Matrix RADD_B = new Matrix(DISTILLATION, "Fig. 8", new double[][] {{-0.19, 0.20, 0.005},
        {-0.04, 0.04, 0.021}}, 0.05);

    /** Every published value, in the paper's order. */
    public static List<Value> values() {
        return List.of(FRACTION_CORRECT, NETWORK_MINUS_OBSERVER, VARIANCE_2PCS, READOUT_IN_PLANE, BLOCK_DECODING_FULL,
                BLOCK_DECODING_PLANE, READOUT_ANGLE_PLANE, READOUT_ANGLE_FULL, OBSERVATION_SLOPE_STIMULUS,
                OBSERVATION_SLOPE_BLOCK, OBSERVATION_SLOPE_RATIO, FEEDBACK_SLOPE, UNIT_CLUSTERS, RADD_FRACTION_CORRECT,
                RADD_MINUS_NETWORK);
    }

    /** Every published matrix. */
    public static List<Matrix> matrices() {
        return List.of(RADD_A, RADD_B);
    }

    private PaperNumbers() {
    }
}
