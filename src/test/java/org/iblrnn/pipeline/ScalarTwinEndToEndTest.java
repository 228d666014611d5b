package org.iblrnn.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.iblrnn.data.CheckpointStore;
import org.iblrnn.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole training loop gives the same bits whichever kernels run it: a JVM with the Vector API
 * (2 threads) and one forced onto the scalar twins ({@code -Diblrnn.simd=scalar}, 1 thread) train
 * the same networks, in float64 and in float32, with Adam long enough that they act (so a single
 * differing bit would change the closed-loop sessions). The kernel tests check each kernel; this
 * checks that nothing between them (padding, layouts, tails) depends on the implementation. Each
 * run is its own JVM because the implementation is chosen once per JVM.
 */
class ScalarTwinEndToEndTest {
    @TempDir
    Path tmp;

    private static Path train(Path dir, boolean scalar, String precision, int threads) throws Exception {
        run(scalar, List.of("train", "--precision", precision, "--optimizer", "adam", "--hidden", "20", "--steps",
                "120", "--batch", "2", "--threads", Integer.toString(threads), "--checkpoint-every", "1000", "--quiet",
                "--out", dir.toString()));
        return dir.resolve("checkpoints/checkpoint-000119.json");
    }

    private static String run(boolean scalar, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (scalar) {
            cmd.add("-Diblrnn.simd=scalar");
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            cmd.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        StringBuilder cp = new StringBuilder();
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
            cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(Path.of(p).toAbsolutePath());
        }
        cmd.addAll(List.of("-cp", cp.toString(), "org.iblrnn.cli.Main"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void theScalarSwitchSelectsTheScalarKernels() throws Exception {
        String out = run(true, List.of("bench", "--batches", "1", "--threads", "1", "--seconds", "0.01", "--warmup",
                "0", "--hidden", "4"));
        assertTrue(out.contains("\"kernel\":\"scalar\""), out);
    }

    @Test
    void vectorAndScalarKernelsTrainTheSameNetworkInBothPrecisions() throws Exception {
        for (String precision : new String[] {"float64", "float32"}) {
            Checkpoint v = read(train(tmp.resolve(precision + "-vector"), false, precision, 2));
            Checkpoint s = read(train(tmp.resolve(precision + "-scalar"), true, precision, 1));
            assertArrayEquals(v.theta(), s.theta(), precision);
            String metrics = Files.readString(tmp.resolve(precision + "-vector/metrics.csv"));
            String last = metrics.lines().reduce((a, b) -> b).orElse("");
            double correct = Double.parseDouble(last.split(",")[2]);
            assertTrue(correct > 0.3, precision + ": the network must act for the check to mean much: " + last);
        }
    }

    private static Checkpoint read(Path json) throws IOException {
        return CheckpointStore.read(json);
    }
}
