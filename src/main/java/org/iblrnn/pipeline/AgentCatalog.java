package org.iblrnn.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.iblrnn.agents.Agent;
import org.iblrnn.agents.BayesianActor;
import org.iblrnn.agents.BayesianObserver;
import org.iblrnn.agents.BlockModel;
import org.iblrnn.agents.ExponentialActor;
import org.iblrnn.agents.RnnAgent;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.task.TaskConfig;

/**
 * The agents {@code iblrnn evaluate} knows by name. Actors perform the task themselves;
 * observers are scored on the network's own session at the step where it acted.
 */
public final class AgentCatalog {
    /** Names of the actors, in report order, with one-line descriptions. */
    public static final Map<String, String> ACTORS = ordered(
            "rnn", "the trained network",
            "actor", "exact Bayesian actor: full 2-channel likelihood, Markov block filter (paper section 2.3)",
            "actor-semi-markov", "exact Bayesian actor with the true block-length law (semi-Markov filter)",
            "actor-reference", "the paper code's Bayesian actor (its approximations, reference-spec 4.2)",
            "block-blind", "exact Bayesian actor without block knowledge (prior 0.5 every trial)",
            "exponential", "the paper code's exponential-smoothing actor (decay 0.9)");

    /** Names of the observers, with descriptions. */
    public static final Map<String, String> OBSERVERS = ordered(
            "observer", "exact Bayesian observer on the network's observations, Markov block filter",
            "observer-semi-markov", "exact Bayesian observer with the semi-Markov block filter",
            "observer-reference", "the paper code's observer (reference-spec 4.3, off-by-one fixed)");

    private AgentCatalog() {
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Every known name. */
    public static List<String> names() {
        List<String> all = new java.util.ArrayList<>(ACTORS.keySet());
        all.addAll(OBSERVERS.keySet());
        return all;
    }

    /** Checks a list of names, naming the first unknown one. */
    public static void check(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--agents: no agent given; known: " + String.join(", ", names()));
        }
        for (String n : names) {
            if (!ACTORS.containsKey(n) && !OBSERVERS.containsKey(n)) {
                throw new IllegalArgumentException("--agents: unknown agent \"" + n + "\"; known: "
                        + String.join(", ", names()));
            }
        }
    }

    /** A fresh actor. */
    public static Agent actor(String name, TaskConfig task, RecurrentModel model, double[] theta) {
        return switch (name) {
            case "rnn" -> new RnnAgent("rnn", model, theta);
            case "actor" -> BayesianActor.exact(task);
            case "actor-semi-markov" -> BayesianActor.exactSemiMarkov(task);
            case "actor-reference" -> BayesianActor.reference(task);
            case "block-blind" -> BayesianActor.blockBlind(task, BayesianActor.Variant.EXACT);
            case "exponential" -> new ExponentialActor(task);
            default -> throw new IllegalArgumentException("not an actor: " + name);
        };
    }

    /** A fresh observer. */
    public static BayesianObserver observer(String name, TaskConfig task) {
        return switch (name) {
            case "observer" -> new BayesianObserver(task, BayesianObserver.Variant.EXACT, BlockModel.MARKOV);
            case "observer-semi-markov" -> new BayesianObserver(task, BayesianObserver.Variant.EXACT,
                    BlockModel.SEMI_MARKOV);
            case "observer-reference" -> BayesianObserver.reference(task);
            default -> throw new IllegalArgumentException("not an observer: " + name);
        };
    }
}
