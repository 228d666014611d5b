package org.iblrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** iblrnn sweep / aggregate on the command line: dry runs, the manifest, and bad input as one line. */
class SweepCliTest {
    @TempDir
    Path tmp;

    static void oneLineError(CliTest.Result r, String... parts) {
        assertEquals(2, r.code(), r.out() + r.err());
        String first = r.err().lines().findFirst().orElse("");
        for (String p : parts) {
            assertTrue(first.contains(p), "'" + p + "' in: " + r.err());
        }
        assertTrue(!r.err().contains("\tat org."), "no stack trace: " + r.err());
    }

    @Test
    void dryRunWritesTheManifestWithOneCommandPerUnit() throws Exception {
        Path out = tmp.resolve("s");
        CliTest.Result r = CliTest.run("sweep", "--seeds", "1..3", "--hidden", "8,16", "--cell", "rnn,gru",
                "--steps", "10", "--stages", "train,evaluate", "--out", out.toString(), "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 configurations x 3 seeds = 12 networks, 24 units"), r.out());
        var lines = Files.readAllLines(out.resolve("manifest.csv"));
        assertEquals(25, lines.size());
        assertTrue(lines.get(1).endsWith("iblrnn train --out runs/rnn-h8-prob/seed-1 --preset paper --seed 1 "
                + "--hidden 8 --cell rnn --loss prob --steps 10 --threads 1 --quiet"), lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.contains("gru-h16-prob.s3.evaluate")));
        // status of a sweep where nothing has run: 24 pending, exit 3
        CliTest.Result st = CliTest.run("sweep", "status", "--out", out.toString());
        assertEquals(3, st.code(), st.err());
        assertTrue(st.out().contains("0 done, 0 running, 0 failed, 0 blocked, 24 pending"), st.out());
        // a dry run of the SLURM executor writes the script and submits nothing
        CliTest.Result sl = CliTest.run("sweep", "--seeds", "1..3", "--hidden", "8,16", "--cell", "rnn,gru",
                "--steps", "10", "--stages", "train,evaluate", "--out", out.toString(), "--executor", "slurm",
                "--dry-run", "--runs-per-task", "4", "--partition", "cpu");
        assertEquals(0, sl.code(), sl.err());
        assertTrue(sl.out().contains("(3 array tasks)") && sl.out().contains("submit it with: sbatch"), sl.out());
        assertTrue(Files.readString(out.resolve("slurm/submit-000-00.sbatch")).contains("#SBATCH --partition=cpu"));
    }

    @Test
    void badInputIsOneLineWithExitCode2() throws Exception {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, "{\"seeds\": \"1..3\", \"hiden\": [50]}");
        oneLineError(CliTest.run("sweep", "--file", f.toString(), "--dry-run", "--out", tmp.resolve("a").toString()),
                "bad.json", "unknown key \"hiden\"");
        oneLineError(CliTest.run("sweep", "--file", tmp.resolve("none.json").toString()), "none.json", "no such file");
        oneLineError(CliTest.run("sweep", "--seeds", "5..1", "--dry-run"), "--seeds", "5..1");
        oneLineError(CliTest.run("sweep", "--cell", "tcn", "--dry-run"), "tcn");
        oneLineError(CliTest.run("sweep", "--executor", "pbs", "--dry-run", "--out", tmp.resolve("b").toString()),
                "--executor", "pbs");
        oneLineError(CliTest.run("sweep", "--executor", "slurm", "--time", "1:00;x", "--dry-run", "--out",
                tmp.resolve("c").toString()), "--time");
        oneLineError(CliTest.run("sweep", "status", "--out", tmp.toString()), "not a sweep folder");
        oneLineError(CliTest.run("aggregate", "--sweep", tmp.resolve("nothing").toString()), "not a sweep folder");
        Path s = tmp.resolve("s");
        assertEquals(0, CliTest.run("sweep", "--out", s.toString(), "--dry-run").code());
        oneLineError(CliTest.run("sweep", "--out", s.toString(), "--seeds", "1..2", "--dry-run"),
                "holds another sweep");
        oneLineError(CliTest.run("aggregate", "--sweep", s.toString()), "no network of the sweep has been trained");
        oneLineError(CliTest.run("run", "--sweep", s.toString(), "--out", tmp.resolve("r").toString()), "--sweep",
                "no aggregate there");
    }
}
