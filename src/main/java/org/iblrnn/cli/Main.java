package org.iblrnn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import org.iblrnn.data.StorageException;
import org.iblrnn.pipeline.Version;
import org.iblrnn.train.TrainingDivergedException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code iblrnn} command. Exit codes: 0 success, 1 training diverged or an internal error,
 * 2 bad input (an option, a value, a file, a run folder in use by another process), 3 from
 * {@code sweep status} only (units still pending or running), 4 the storage failed (disk full,
 * read-only, permission denied): the files written before are kept.
 */
@Command(name = "iblrnn", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Train RNNs on the IBL biased-block task and reverse-engineer them.",
        footer = {"", "Exit codes: 0 success; 1 training diverged or an internal error; 2 bad input (an option, a "
                + "value, a file, a run folder another iblrnn process is writing); 3 sweep status: units still to "
                + "run; 4 the storage failed (disk full, read-only, permission denied), files written before are "
                + "kept."},
        subcommands = {RunCommand.class, TrainCommand.class, EvaluateCommand.class, AnalyzeCommand.class,
            DistillCommand.class, CompareCommand.class, FitMiceCommand.class, SweepCommand.class, AggregateCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code (for tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        CommandLine ev = cl.getSubcommands().get("evaluate");
        ev.getCommandSpec().usageMessage().footer("", "Agents:", EvaluateCommand.agentHelp());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandName().equals("iblrnn") ? "iblrnn: " + ex.getMessage()
                    : "iblrnn " + c.getCommandName() + ": " + ex.getMessage());
            c.getErr().println("Try 'iblrnn " + (c.getCommandName().equals("iblrnn") ? "" : c.getCommandName() + " ")
                    + "--help'.");
            c.getErr().flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter err = c.getErr();
            int code = report(ex, err, c.getCommandName());
            err.flush();
            return code;
        });
        return cl;
    }

    /** Exit code when the storage fails (disk full, read-only, permission denied). */
    public static final int EXIT_STORAGE = 4;

    /** One line for the user; the exit code. */
    static int report(Throwable ex, PrintWriter err, String command) {
        String prefix = "iblrnn " + command + ": ";
        Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (e instanceof TrainingDivergedException d) {
            err.println(prefix + d.getMessage() + "; the last good checkpoint is kept");
            return 1;
        }
        if (e instanceof StorageException s) {
            err.println(prefix + s.getMessage());
            return EXIT_STORAGE;
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            String f = ((FileSystemException) e).getFile();
            err.println(prefix + f + " exists but is not a folder; move it away (or choose another folder) and run "
                    + "the command again");
            return 2;
        }
        if (e instanceof CharacterCodingException) {
            err.println(prefix + "a file is not UTF-8 text (" + e.getClass().getSimpleName().replace("Exception", "")
                    + "); check the file named in the command");
            return 2;
        }
        if (e instanceof NoSuchFileException f) {
            err.println(prefix + f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "no such file"));
            return 2;
        }
        if (e instanceof AccessDeniedException f) {
            err.println(prefix + f.getFile() + ": " + StorageException.explain(f));
            return EXIT_STORAGE;
        }
        if (e instanceof FileSystemException f) {
            err.println(prefix + (f.getFile() != null ? f.getFile() + ": " : "") + StorageException.explain(f));
            return EXIT_STORAGE;
        }
        if (e instanceof IOException io && io.getMessage() != null && (io.getMessage().contains("No space left")
                || io.getMessage().contains("Read-only file system") || io.getMessage().contains("Disk quota"))) {
            err.println(prefix + StorageException.explain(io));
            return EXIT_STORAGE;
        }
        if (e instanceof IllegalArgumentException || e instanceof IOException) {
            err.println(prefix + e.getMessage());
            return 2;
        }
        err.println(prefix + "internal error: " + e);
        if (System.getenv("IBLRNN_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set IBLRNN_DEBUG=1 for the stack trace, and please report it)");
        }
        return 1;
    }

    /** Prints the version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"iblrnn " + Version.VERSION + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
