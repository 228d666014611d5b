package org.iblrnn.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.iblrnn.nn.Loss;
import org.iblrnn.nn.ModelConfig;
import org.iblrnn.nn.Precision;
import org.iblrnn.task.BlockLengths;
import org.iblrnn.task.TaskConfig;
import org.iblrnn.train.OptimizerConfig;
import org.iblrnn.train.TrainConfig;

/**
 * The JSON form of the configuration records. Reading is strict: an unknown or missing key, or a
 * value of the wrong type, is an error naming the key's path; values are then validated by the
 * records themselves.
 */
public final class ConfigJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigJson() {
    }

    public static ObjectNode toJson(TrainConfig c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("seed", c.seed());
        n.put("steps", c.steps());
        n.put("batchSize", c.batchSize());
        n.put("loss", c.loss().id());
        n.put("clipNorm", c.clipNorm());
        n.put("omitFinalStepLoss", c.omitFinalStepLoss());
        n.put("metricsEvery", c.metricsEvery());
        n.put("checkpointEvery", c.checkpointEvery());
        if (c.precision() != Precision.FLOAT64) {
            // written only when not the default, so float64 configs (and their hashes) stay as before
            n.put("precision", c.precision().id());
        }
        n.set("model", toJson(c.model()));
        n.set("optimizer", toJson(c.optimizer()));
        n.set("task", toJson(c.task()));
        return n;
    }

    public static ObjectNode toJson(ModelConfig m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("cell", m.cell());
        n.put("inputSize", m.inputSize());
        n.put("hiddenSize", m.hiddenSize());
        n.put("outputSize", m.outputSize());
        return n;
    }

    public static ObjectNode toJson(OptimizerConfig o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", o.kind());
        n.put("learningRate", o.learningRate());
        n.put("momentum", o.momentum());
        n.put("beta1", o.beta1());
        n.put("beta2", o.beta2());
        n.put("epsilon", o.epsilon());
        return n;
    }

    public static ObjectNode toJson(TaskConfig t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("blocksPerSession", t.blocksPerSession());
        n.put("unbiasedTrials", t.unbiasedTrials());
        ObjectNode b = n.putObject("blockLengths");
        if (t.blockLengths() instanceof BlockLengths.TruncatedGeometric g) {
            b.put("law", "truncated-geometric");
            b.put("p", g.p());
            b.put("minTrials", g.minTrials());
            b.put("maxTrials", g.maxTrials());
        } else if (t.blockLengths() instanceof BlockLengths.Hazard h) {
            b.put("law", "hazard");
            b.put("p", h.p());
            b.put("minTrials", h.minTrials());
            b.put("maxTrials", h.maxTrials());
        } else if (t.blockLengths() instanceof BlockLengths.TruncatedExponential e) {
            b.put("law", "truncated-exponential");
            b.put("meanTrials", e.meanTrials());
            b.put("minTrials", e.minTrials());
            b.put("maxTrials", e.maxTrials());
        }
        n.put("concordance", t.concordance());
        ArrayNode cs = n.putArray("contrasts");
        t.contrasts().forEach(cs::add);
        n.put("noiseSd", t.noiseSd());
        n.put("blankSteps", t.blankSteps());
        n.put("maxObservations", t.maxObservations());
        n.put("actionThreshold", t.actionThreshold());
        n.put("waitReward", t.waitReward());
        n.put("correctReward", t.correctReward());
        n.put("errorReward", t.errorReward());
        n.put("timeoutReward", t.timeoutReward());
        return n;
    }

    /** Parses a training config; {@code where} names the source (a file) in error messages. */
    public static TrainConfig trainConfig(JsonNode n, String where) {
        Obj o = new Obj(n, where);
        o.only("seed", "steps", "batchSize", "loss", "clipNorm", "omitFinalStepLoss", "metricsEvery",
                "checkpointEvery", "precision", "model", "optimizer", "task");
        // "precision" came after the first release: absent means float64
        Precision precision = o.has("precision") ? wrap(where, () -> Precision.parse(o.text("precision")))
                : Precision.FLOAT64;
        return wrap(where, () -> new TrainConfig(
                taskConfig(o.get("task"), where + ": task"),
                modelConfig(o.get("model"), where + ": model"),
                Loss.parse(o.text("loss")),
                optimizerConfig(o.get("optimizer"), where + ": optimizer"),
                o.integer("batchSize"),
                o.longValue("steps"),
                o.longValue("seed"),
                o.number("clipNorm"),
                o.bool("omitFinalStepLoss"),
                o.integer("metricsEvery"),
                o.integer("checkpointEvery"),
                precision));
    }

    public static ModelConfig modelConfig(JsonNode n, String where) {
        Obj o = new Obj(n, where);
        o.only("cell", "inputSize", "hiddenSize", "outputSize");
        return wrap(where, () -> new ModelConfig(o.text("cell"), o.integer("inputSize"), o.integer("hiddenSize"),
                o.integer("outputSize")));
    }

    public static OptimizerConfig optimizerConfig(JsonNode n, String where) {
        Obj o = new Obj(n, where);
        o.only("kind", "learningRate", "momentum", "beta1", "beta2", "epsilon");
        return wrap(where, () -> new OptimizerConfig(o.text("kind"), o.number("learningRate"), o.number("momentum"),
                o.number("beta1"), o.number("beta2"), o.number("epsilon")));
    }

    /**
     * Parses a task config. Keys added after the first release are optional and default to the
     * paper's value when absent, so older config.json files still load: {@code unbiasedTrials}
     * (default 0). Block-length laws: "truncated-geometric" and "hazard" take p, minTrials,
     * maxTrials; "truncated-exponential" takes meanTrials, minTrials, maxTrials.
     */
    public static TaskConfig taskConfig(JsonNode n, String where) {
        Obj o = new Obj(n, where);
        o.only("blocksPerSession", "unbiasedTrials", "blockLengths", "concordance", "contrasts", "noiseSd",
                "blankSteps", "maxObservations", "actionThreshold", "waitReward", "correctReward", "errorReward",
                "timeoutReward");
        Obj b = new Obj(o.get("blockLengths"), where + ": blockLengths");
        String law = b.text("law");
        if (law.equals("truncated-exponential")) {
            b.only("law", "meanTrials", "minTrials", "maxTrials");
        } else {
            b.only("law", "p", "minTrials", "maxTrials");
        }
        BlockLengths lengths = wrap(where + ": blockLengths", () -> switch (law) {
            case "truncated-geometric" -> new BlockLengths.TruncatedGeometric(b.number("p"), b.integer("minTrials"),
                    b.integer("maxTrials"));
            case "hazard" -> new BlockLengths.Hazard(b.number("p"), b.integer("minTrials"), b.integer("maxTrials"));
            case "truncated-exponential" -> new BlockLengths.TruncatedExponential(b.number("meanTrials"),
                    b.integer("minTrials"), b.integer("maxTrials"));
            default -> throw new IllegalArgumentException(
                    "law must be truncated-geometric, hazard or truncated-exponential, got " + law);
        });
        int unbiased = o.has("unbiasedTrials") ? o.integer("unbiasedTrials") : 0;
        JsonNode cs = o.get("contrasts");
        if (!cs.isArray()) {
            throw new IllegalArgumentException(where + ": contrasts must be an array of numbers");
        }
        List<Double> contrasts = new ArrayList<>();
        for (JsonNode c : cs) {
            if (!c.isNumber()) {
                throw new IllegalArgumentException(where + ": contrasts must be numbers, got " + c);
            }
            contrasts.add(c.doubleValue());
        }
        return wrap(where, () -> new TaskConfig(o.integer("blocksPerSession"), unbiased, lengths,
                o.number("concordance"), contrasts, o.number("noiseSd"), o.integer("blankSteps"), o.integer("maxObservations"),
                o.number("actionThreshold"), o.number("waitReward"), o.number("correctReward"),
                o.number("errorReward"), o.number("timeoutReward")));
    }

    private interface Maker<T> {
        T make();
    }

    private static <T> T wrap(String where, Maker<T> m) {
        try {
            return m.make();
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            if (msg != null && msg.startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + msg, e);
        }
    }

    /** Strict accessors over one JSON object. */
    static final class Obj {
        private final JsonNode node;
        private final String where;

        Obj(JsonNode node, String where) {
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(where + " must be a JSON object");
            }
            this.node = node;
            this.where = where;
        }

        void only(String... keys) {
            Set<String> allowed = Set.of(keys);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw new IllegalArgumentException(where + ": unknown key \"" + k + "\" (expected one of "
                            + String.join(", ", keys) + ")");
                }
            }
        }

        /** Whether the key is present (and not null). */
        boolean has(String key) {
            JsonNode v = node.get(key);
            return v != null && !v.isNull();
        }

        JsonNode get(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException(where + ": missing key \"" + key + "\"");
            }
            return v;
        }

        String text(String key) {
            JsonNode v = get(key);
            if (!v.isTextual()) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be a string, got " + v);
            }
            return v.textValue();
        }

        double number(String key) {
            JsonNode v = get(key);
            if (!v.isNumber()) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be a number, got " + v);
            }
            return v.doubleValue();
        }

        int integer(String key) {
            JsonNode v = get(key);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be an integer, got " + v);
            }
            return v.intValue();
        }

        long longValue(String key) {
            JsonNode v = get(key);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be an integer, got " + v);
            }
            return v.longValue();
        }

        boolean bool(String key) {
            JsonNode v = get(key);
            if (!v.isBoolean()) {
                throw new IllegalArgumentException(where + ": \"" + key + "\" must be true or false, got " + v);
            }
            return v.booleanValue();
        }
    }
}
