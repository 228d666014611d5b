package org.iblrnn.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.iblrnn.math.Seeds;
import org.iblrnn.nn.ParamBlock;
import org.iblrnn.nn.RecurrentModel;
import org.iblrnn.train.Checkpoint;
import org.iblrnn.train.StepMetrics;
import org.iblrnn.train.TrainConfig;

/**
 * Checkpoints on disk: {@code checkpoint-NNNNNN.npz} with the parameters under PyTorch's
 * state-dict names and shapes (float64), and {@code checkpoint-NNNNNN.json} with the config, the
 * step, the optimiser state, the random-stream description and a SHA-256 of the parameters.
 * NNNNNN is the index of the last completed gradient step (0, 5000, ..., as the paper's code).
 *
 * <p>Both files are written atomically, the .npz first: a checkpoint exists only once its .json
 * does, and it is valid only if the .npz matches the hash in the .json.
 */
public final class CheckpointStore {
    /** Format of the checkpoint JSON. */
    public static final int FORMAT_VERSION = 1;
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)\\.json");

    private CheckpointStore() {
    }

    /** File stem of the checkpoint after gradient step {@code stepIndex}. */
    public static String stem(long stepIndex) {
        return String.format("checkpoint-%06d", stepIndex);
    }

    /** Writes a checkpoint into {@code dir}; returns the .npz path. */
    public static Path write(Path dir, Checkpoint c, String version) throws IOException {
        Files.createDirectories(dir);
        long index = c.completedSteps() - 1;
        Path npz = dir.resolve(stem(index) + ".npz");
        Path json = dir.resolve(stem(index) + ".json");
        RecurrentModel model = new RecurrentModel(c.config().model());
        double[] theta = c.theta();
        Npz.write(npz, toArrays(model, theta));
        ObjectNode n = ConfigJson.MAPPER.createObjectNode();
        n.put("format", "iblrnn-checkpoint");
        n.put("formatVersion", FORMAT_VERSION);
        n.put("version", version);
        n.put("step", index);
        n.put("completedSteps", c.completedSteps());
        n.put("totalRnnSteps", c.totalRnnSteps());
        n.put("wallSeconds", c.wallSeconds());
        n.put("parameters", npz.getFileName().toString());
        n.put("parametersSha256", sha256(theta));
        StepMetrics w = c.window();
        ObjectNode wn = n.putObject("metricsWindow");
        wn.put("gradientSteps", w.gradientSteps());
        wn.put("lossSum", w.lossSum());
        wn.put("trials", w.trials());
        wn.put("actions", w.actions());
        wn.put("correct", w.correct());
        wn.put("rnnSteps", w.rnnSteps());
        ObjectNode on = n.putObject("optimizer");
        on.put("kind", c.config().optimizer().kind());
        on.put("steps", c.optimizerSteps());
        ObjectNode st = on.putObject("state");
        String[] names = c.config().optimizer().create(0).stateNames();
        double[][] state = c.optimizerState();
        for (int i = 0; i < names.length; i++) {
            ArrayNode a = st.putArray(names[i]);
            for (double v : state[i]) {
                a.add(v);
            }
        }
        ObjectNode rng = n.putObject("rng");
        rng.put("scheme", "counter-based: session b of gradient step g is drawn from "
                + "SplittableRandom(derive(derive(taskSeed, g), b)); initial weights from initSeed");
        rng.put("seed", c.config().seed());
        rng.put("taskSeed", Seeds.derive(c.config().seed(), "task"));
        rng.put("initSeed", Seeds.derive(c.config().seed(), "init"));
        rng.put("nextGradientStep", c.completedSteps());
        n.set("config", ConfigJson.toJson(c.config()));
        AtomicFiles.writeString(json, ConfigJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n));
        return npz;
    }

    /** The model's parameters as named arrays with PyTorch's names and shapes. */
    public static List<NpyArray> toArrays(RecurrentModel model, double[] theta) {
        List<NpyArray> arrays = new ArrayList<>();
        for (ParamBlock b : model.layout().blocks()) {
            int[] shape = b.shape().stream().mapToInt(Integer::intValue).toArray();
            double[] data = new double[b.size()];
            System.arraycopy(theta, b.offset(), data, 0, data.length);
            arrays.add(new NpyArray(b.name(), shape, data));
        }
        return arrays;
    }

    /** Reads a model's parameters from an .npz, checking every name and shape. */
    public static double[] readParameters(Path npz, RecurrentModel model) throws IOException {
        Map<String, NpyArray> arrays = Npz.read(npz);
        double[] theta = new double[model.layout().size()];
        for (ParamBlock b : model.layout().blocks()) {
            NpyArray a = arrays.get(b.name());
            if (a == null) {
                throw new IOException(npz + ": missing array " + b.name() + " (has " + arrays.keySet() + ")");
            }
            List<Integer> shape = new ArrayList<>();
            for (int d : a.shape()) {
                shape.add(d);
            }
            if (!shape.equals(b.shape())) {
                throw new IOException(npz + ": array " + b.name() + " has shape " + shape + ", expected "
                        + b.shape() + " for " + model.config());
            }
            System.arraycopy(a.data(), 0, theta, b.offset(), b.size());
        }
        return theta;
    }

    /** Reads the checkpoint whose JSON is {@code json}, verifying its parameters. */
    public static Checkpoint read(Path json) throws IOException {
        JsonNode n;
        try {
            n = ConfigJson.MAPPER.readTree(Files.readAllBytes(json));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(json.toString(), null, "checkpoint not found");
        } catch (JsonProcessingException e) {
            throw new IOException(json + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        try {
            if (n == null || !"iblrnn-checkpoint".equals(n.path("format").asText())) {
                throw new IOException(json + ": not an iblrnn checkpoint (missing \"format\": \"iblrnn-checkpoint\")");
            }
            int fv = n.path("formatVersion").asInt(-1);
            if (fv != FORMAT_VERSION) {
                throw new IOException(json + ": checkpoint format version " + fv + " is not supported (expected "
                        + FORMAT_VERSION + ")");
            }
            TrainConfig config = ConfigJson.trainConfig(n.get("config"), json + ": config");
            RecurrentModel model = new RecurrentModel(config.model());
            Path npz = json.resolveSibling(n.path("parameters").asText());
            double[] theta = readParameters(npz, model);
            String sha = n.path("parametersSha256").asText();
            if (!sha.equals(sha256(theta))) {
                throw new IOException(npz + ": parameters do not match the hash recorded in " + json.getFileName());
            }
            JsonNode wn = n.get("metricsWindow");
            StepMetrics window = new StepMetrics(wn.get("gradientSteps").asLong(), wn.get("lossSum").asDouble(),
                    wn.get("trials").asLong(), wn.get("actions").asLong(), wn.get("correct").asLong(),
                    wn.get("rnnSteps").asLong());
            JsonNode on = n.get("optimizer");
            String[] names = config.optimizer().create(0).stateNames();
            double[][] state = new double[names.length][];
            for (int i = 0; i < names.length; i++) {
                JsonNode a = on.path("state").get(names[i]);
                if (a == null || !a.isArray() || a.size() != theta.length) {
                    throw new IOException(json + ": optimizer state \"" + names[i] + "\" missing or not of length "
                            + theta.length);
                }
                state[i] = new double[theta.length];
                Iterator<JsonNode> it = a.elements();
                for (int j = 0; j < theta.length; j++) {
                    state[i][j] = it.next().asDouble();
                }
            }
            return new Checkpoint(config, n.get("completedSteps").asLong(), n.get("totalRnnSteps").asLong(), window,
                    n.get("wallSeconds").asDouble(), theta, on.get("steps").asLong(), state);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IOException(json + ": malformed checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /** Checkpoint JSON files in {@code dir}, newest (highest step) first. */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "checkpoint-*.json")) {
            for (Path p : ds) {
                if (NAME.matcher(p.getFileName().toString()).matches()) {
                    out.add(p);
                }
            }
        }
        out.sort(Comparator.comparingLong(CheckpointStore::stepOf).reversed());
        return out;
    }

    private static long stepOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * The newest checkpoint in {@code dir} that reads back and verifies, with the problems of any
     * newer ones that did not (e.g. a run killed while writing). Empty if there is none.
     */
    public static Latest latest(Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path json : list(dir)) {
            try {
                return new Latest(read(json), json, problems);
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        return new Latest(null, null, problems);
    }

    /** Result of {@link #latest(Path)}: the checkpoint (or null) and the skipped newer ones. */
    public record Latest(Checkpoint checkpoint, Path json, List<String> skipped) {
        public Latest {
            skipped = List.copyOf(skipped);
        }
    }

    /** SHA-256 of the parameters' little-endian float64 bytes, hex. */
    public static String sha256(double[] theta) {
        ByteBuffer buf = ByteBuffer.allocate(theta.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : theta) {
            buf.putDouble(v);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buf.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

}
