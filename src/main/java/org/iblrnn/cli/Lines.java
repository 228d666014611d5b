package org.iblrnn.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Where a command's progress lines go: warnings ("warning: ...") to stderr, the rest to stdout. */
final class Lines {
    private Lines() {
    }

    static Consumer<String> to(PrintWriter out, PrintWriter err) {
        return line -> {
            if (line.startsWith("warning: ")) {
                out.flush();
                err.println(line);
                err.flush();
            } else {
                out.println(line);
                out.flush();
            }
        };
    }
}
