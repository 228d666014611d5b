package org.iblrnn.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.iblrnn.train.Checkpoint;
import org.iblrnn.train.StepMetrics;
import org.iblrnn.train.TrainConfig;

/**
 * The layout of a training run folder:
 * <pre>
 * NAME/config.json               everything needed to reproduce the run (format "iblrnn-run")
 * NAME/metrics.csv               one row per metrics interval
 * NAME/checkpoints/checkpoint-NNNNNN.{npz,json}
 * </pre>
 */
public final class RunFolder {
    /** Columns of metrics.csv. */
    public static final String METRICS_HEADER = "step,loss,fraction_correct,fraction_action,correct_among_actions,"
            + "steps_per_trial,gradient_steps_in_row,rnn_steps_total,wall_seconds";

    private final Path dir;

    public RunFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path configFile() {
        return dir.resolve("config.json");
    }

    public Path metricsFile() {
        return dir.resolve("metrics.csv");
    }

    public Path checkpointDir() {
        return dir.resolve("checkpoints");
    }

    /** Whether the folder already holds a training run. */
    public boolean exists() {
        return Files.exists(configFile());
    }

    /** Writes config.json atomically. */
    public void writeConfig(TrainConfig config, String version) throws IOException {
        ObjectNode n = ConfigJson.MAPPER.createObjectNode();
        n.put("format", "iblrnn-run");
        n.put("formatVersion", 1);
        n.put("version", version);
        n.put("java", System.getProperty("java.version"));
        n.set("train", ConfigJson.toJson(config));
        AtomicFiles.writeString(configFile(), ConfigJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n)
                + "\n");
    }

    /** Reads config.json. */
    public TrainConfig readConfig() throws IOException {
        Path f = configFile();
        JsonNode n;
        try {
            n = ConfigJson.MAPPER.readTree(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(f.toString(), null, "no training run here (config.json is missing)");
        } catch (JsonProcessingException e) {
            throw new IOException(f + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (n == null || !"iblrnn-run".equals(n.path("format").asText())) {
            throw new IOException(f + ": not an iblrnn run config (missing \"format\": \"iblrnn-run\")");
        }
        return ConfigJson.trainConfig(n.get("train"), f + ": train");
    }

    /** Writes a checkpoint into the checkpoints folder. */
    public Path writeCheckpoint(Checkpoint c, String version) throws IOException {
        return CheckpointStore.write(checkpointDir(), c, version);
    }

    /** Starts metrics.csv with its header (atomically replacing any old one). */
    public void startMetrics() throws IOException {
        AtomicFiles.writeString(metricsFile(), METRICS_HEADER + "\n");
    }

    /**
     * Keeps only the header and the complete rows whose step is at most {@code lastStep} (used on
     * resume: rows written after the checkpoint, or a row cut by a kill, are dropped).
     */
    public void truncateMetrics(long lastStep) throws IOException {
        Path f = metricsFile();
        StringBuilder sb = new StringBuilder(METRICS_HEADER).append('\n');
        byte[] old = null;
        if (Files.exists(f)) {
            old = Files.readAllBytes(f);
            List<String> lines = new String(old, StandardCharsets.UTF_8).lines().toList();
            int columns = METRICS_HEADER.split(",").length;
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                String[] parts = line.split(",", -1);
                if (parts.length != columns) {
                    continue;
                }
                try {
                    if (Long.parseLong(parts[0]) <= lastStep) {
                        sb.append(line).append('\n');
                    }
                } catch (NumberFormatException e) {
                    // a partial row from an interrupted write: dropped
                }
            }
        }
        byte[] now = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (old == null || !java.util.Arrays.equals(old, now)) {
            AtomicFiles.write(f, now); // unchanged (a finished run run again): not rewritten
        }
    }

    /** Appends one metrics row (flushed; a row cut by a kill is dropped on resume). */
    public void appendMetrics(long step, StepMetrics window, long rnnStepsTotal, double wallSeconds)
            throws IOException {
        String row = String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%d,%d,%.3f%n", step, num(window.loss()),
                num(window.fractionCorrect()), num(window.fractionActions()), num(window.correctAmongActions()),
                num(window.stepsPerTrial()), window.gradientSteps(), rnnStepsTotal, wallSeconds);
        try (BufferedWriter w = Files.newBufferedWriter(metricsFile(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(row);
        } catch (IOException e) {
            throw StorageException.writing(metricsFile(), e); // a cut row is dropped on resume
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
