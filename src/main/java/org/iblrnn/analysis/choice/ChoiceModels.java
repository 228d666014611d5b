package org.iblrnn.analysis.choice;

import java.util.ArrayList;
import java.util.List;

import org.iblrnn.task.BlockLengths;

/**
 * The catalogue of choice models by name: the names used on the command line and in every table.
 */
public final class ChoiceModels {
    private ChoiceModels() {
    }

    /** Every model, in the order of the tables. */
    public static final List<String> NAMES = List.of(Psychometric.NAME, OracleBlock.NAME, ExponentialKernel.ACTION,
            ExponentialKernel.STIMULUS, BayesPrior.NAME, BayesPriorFitted.NAME, HistoryGlm.NAME, "glm-hmm-1",
            "glm-hmm-2", "glm-hmm-3", "glm-hmm-4");

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
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; models: "
                    + String.join(", ", NAMES));
        };
    }

    /** Parses a comma-separated list of names ("all" = every model), keeping the catalogue's order. */
    public static List<String> parse(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("no model given; models: " + String.join(", ", NAMES));
        }
        List<String> wanted = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String n = part.trim();
            if (n.isEmpty()) {
                throw new IllegalArgumentException("empty model name in '" + list + "'; models: "
                        + String.join(", ", NAMES));
            }
            if (n.equals("all")) {
                wanted.addAll(NAMES);
                continue;
            }
            if (!NAMES.contains(n)) {
                throw new IllegalArgumentException("unknown model '" + n + "'; models: " + String.join(", ", NAMES));
            }
            wanted.add(n);
        }
        List<String> out = new ArrayList<>();
        for (String n : NAMES) {
            if (wanted.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
