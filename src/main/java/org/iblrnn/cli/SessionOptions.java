package org.iblrnn.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The options every post-training command shares: the run folder and the evaluation session
 * (the same {@code --blocks} and {@code --seed} give every command the same trials).
 */
final class SessionOptions {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "A training run folder.")
    Path run;

    @Option(names = "--blocks", description = "Blocks in the evaluation session. Default: ${DEFAULT-VALUE} "
            + "(the paper's analysis session).")
    int blocks = 1000;

    @Option(names = "--seed", description = "Seed of the evaluation session. Default: ${DEFAULT-VALUE}.")
    long seed = 1;
}
