package org.iblrnn.analysis.choice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.iblrnn.task.BlockLengths;

/**
 * The catalogue of choice models by name: the names used on the command line and in every table.
 */
public final class ChoiceModels {
    private ChoiceModels() {
    }

    /** The classical models, in the order of the tables: what "all" selects. */
    public static final List<String> NAMES = List.of(Psychometric.NAME, OracleBlock.NAME, ExponentialKernel.ACTION,
            ExponentialKernel.STIMULUS, BayesPrior.NAME, BayesPriorFitted.NAME, HistoryGlm.NAME, "glm-hmm-1",
            "glm-hmm-2", "glm-hmm-3", "glm-hmm-4");

    /**
     * The tiny RNNs ({@link TinyRnn}) of the standard comparison; any rnn-N or gru-N with
     * N = 1..{@value TinyRnn#MAX_HIDDEN} is accepted too, and rnn-best, gru-best ({@link TinyRnnBest}).
     * Not part of "all" (they cost far more to fit).
     */
    public static final List<String> TINY_RNNS = List.of("rnn-1", "rnn-2", "rnn-3", "rnn-4", "rnn-8", "gru-1", "gru-2",
            "gru-3", "gru-4", "gru-8");

    /** The model every score is also given relative to. */
    public static final String REFERENCE = Psychometric.NAME;

    /**
     * The model called {@code name} for data from a protocol with block-length law {@code law} and
     * concordance {@code concordance} (used by the Bayesian prior).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static ChoiceModel create(String name, BlockLengths law, double concordance) {
        return switch (name) {
            case Psychometric.NAME -> new Psychometric();
            case OracleBlock.NAME -> new OracleBlock();
            case ExponentialKernel.ACTION -> ExponentialKernel.action();
            case ExponentialKernel.STIMULUS -> ExponentialKernel.stimulus();
            case BayesPrior.NAME -> new BayesPrior(law, concordance);
            case BayesPriorFitted.NAME -> new BayesPriorFitted(concordance);
            case HistoryGlm.NAME -> new HistoryGlm();
            case "glm-hmm-1" -> new GlmHmm(1);
            case "glm-hmm-2" -> new GlmHmm(2);
            case "glm-hmm-3" -> new GlmHmm(3);
            case "glm-hmm-4" -> new GlmHmm(4);
            default -> {
                if (TinyRnn.isName(name)) {
                    yield TinyRnn.named(name);
                }
                if (TinyRnnBest.isName(name)) {
                    yield TinyRnnBest.named(name);
                }
                throw new IllegalArgumentException(unknown(name));
            }
        };
    }

    /** The one message for a name that is no model, listing what exists. */
    private static String unknown(String name) {
        return "unknown model '" + name + "'; " + catalogue();
    }

    /** What exists, in one line. */
    private static String catalogue() {
        return "models: " + String.join(", ", NAMES) + " ('all' = these), and tiny "
                + "RNNs rnn-N, gru-N with N = 1.." + TinyRnn.MAX_HIDDEN + " hidden units (e.g. "
                + String.join(", ", TINY_RNNS) + "), and rnn-best, gru-best (size chosen among "
                + TinyRnnBest.DEFAULT_SIZES + " by nested validation)";
    }

    /** Catalogue order of a known name: the classical models, then rnn-1..16, rnn-best, then gru-1..16, gru-best. */
    private static int rank(String name) {
        int i = NAMES.indexOf(name);
        if (i >= 0) {
            return i;
        }
        int dash = name.indexOf('-');
        int cell = TinyRnn.CELLS.indexOf(name.substring(0, dash));
        int size = TinyRnnBest.isName(name) ? TinyRnn.MAX_HIDDEN + 1 : Integer.parseInt(name.substring(dash + 1));
        return NAMES.size() + cell * (TinyRnn.MAX_HIDDEN + 1) + size;
    }

    /**
     * Parses a comma-separated list of names ("all" = every classical model of {@link #NAMES}; tiny
     * RNNs, rnn-best and gru-best are named one by one), keeping the catalogue's order (classical,
     * then rnn-N by size and rnn-best, then gru-N and gru-best), each name once.
     */
    public static List<String> parse(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("no model given; " + catalogue());
        }
        List<String> wanted = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String n = part.trim();
            if (n.isEmpty()) {
                throw new IllegalArgumentException("empty model name in '" + list + "'; " + catalogue());
            }
            List<String> named = n.equals("all") ? NAMES : List.of(n);
            if (!NAMES.contains(n) && !TinyRnn.isName(n) && !TinyRnnBest.isName(n) && !n.equals("all")) {
                throw new IllegalArgumentException(unknown(n));
            }
            for (String m : named) {
                if (!wanted.contains(m)) {
                    wanted.add(m);
                }
            }
        }
        wanted.sort(Comparator.comparingInt(ChoiceModels::rank));
        return wanted;
    }
}
