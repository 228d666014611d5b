package org.iblrnn.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Enforces the package layout of STYLE.md section 3 by scanning the main sources: allowed
 * dependencies between project packages, and no printing, unseeded randomness, file access or
 * stack-trace dumps in the pure packages.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/iblrnn");

    /** Project packages each package may import (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "math", Set.of(),
            "task", Set.of("math"),
            "nn", Set.of("math"),
            "train", Set.of("math", "nn", "task"),
            "agents", Set.of("math", "nn", "task", "train"),
            "analysis", Set.of("math", "nn", "task", "agents", "train"),
            "data", Set.of("math", "nn", "task", "train", "agents", "analysis"),
            "report", Set.of("math", "task", "analysis"),
            "pipeline", Set.of("math", "nn", "task", "train", "agents", "analysis", "data", "report"),
            "cli", Set.of("math", "nn", "task", "train", "agents", "analysis", "data", "report", "pipeline"));

    private static final Set<String> PURE = Set.of("math", "task", "nn", "train", "agents", "analysis");

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?org\\.iblrnn\\.(\\w+)",
            Pattern.MULTILINE);

    /** Forbidden in pure packages: pattern and why. */
    private static final Map<Pattern, String> PURE_FORBIDDEN = Map.of(
            Pattern.compile("System\\.(out|err)"), "prints (pure packages report through return values or listeners)",
            Pattern.compile("Math\\.random\\s*\\("), "uses unseeded randomness",
            Pattern.compile("new\\s+(java\\.util\\.)?Random\\s*\\(\\s*\\)"), "creates an unseeded Random",
            Pattern.compile("new\\s+SplittableRandom\\s*\\(\\s*\\)"), "creates an unseeded SplittableRandom",
            Pattern.compile("ThreadLocalRandom"), "uses ThreadLocalRandom (unseeded)",
            Pattern.compile("printStackTrace"), "dumps a stack trace",
            Pattern.compile("import\\s+java\\.nio\\.file|import\\s+java\\.io\\.File"), "touches the file system",
            Pattern.compile("System\\.(currentTimeMillis|nanoTime)"), "reads the clock (inject it instead)");

    private static final Map<Pattern, String> ANYWHERE_FORBIDDEN = Map.of(
            Pattern.compile("Math\\.random\\s*\\("), "uses unseeded randomness",
            Pattern.compile("new\\s+(java\\.util\\.)?Random\\s*\\(\\s*\\)"), "creates an unseeded Random",
            Pattern.compile("new\\s+SplittableRandom\\s*\\(\\s*\\)"), "creates an unseeded SplittableRandom");

    @Test
    void packagesDependOnlyOnAllowedPackages() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = packageOf(file);
            if (!ALLOWED.containsKey(pkg)) {
                violations.add(file + ": package " + pkg + " is not in the documented layout");
                continue;
            }
            Matcher m = IMPORT.matcher(read(file));
            while (m.find()) {
                String dep = m.group(1);
                if (!dep.equals(pkg) && !ALLOWED.get(pkg).contains(dep)) {
                    violations.add(file + ": " + pkg + " must not depend on " + dep);
                }
            }
        }
        if (!violations.isEmpty()) {
            fail(String.join("\n", violations));
        }
    }

    @Test
    void purePackagesNeitherPrintNorUseUnseededRandomnessNorTouchFiles() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = packageOf(file);
            String text = stripComments(read(file));
            Map<Pattern, String> rules = PURE.contains(pkg) ? PURE_FORBIDDEN : ANYWHERE_FORBIDDEN;
            for (Map.Entry<Pattern, String> r : rules.entrySet()) {
                if (r.getKey().matcher(text).find()) {
                    violations.add(file + " " + r.getValue());
                }
            }
        }
        if (!violations.isEmpty()) {
            fail(String.join("\n", violations));
        }
    }

    @Test
    void everyPackageHasPackageInfo() throws IOException {
        try (Stream<Path> dirs = Files.list(MAIN)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                boolean hasJava;
                try (Stream<Path> fs = Files.list(d)) {
                    hasJava = fs.anyMatch(p -> p.toString().endsWith(".java"));
                }
                if (hasJava) {
                    assertTrue(Files.exists(d.resolve("package-info.java")), d + " needs a package-info.java");
                }
            }
        }
    }

    @Test
    void theScannerCatchesAViolation() {
        // guards against a scanner that silently matches nothing
        String bad = "package org.iblrnn.nn;\nimport org.iblrnn.cli.Main;\nclass X { void f() { System.out.println(); } }";
        Matcher m = IMPORT.matcher(bad);
        assertTrue(m.find() && m.group(1).equals("cli"));
        assertTrue(PURE_FORBIDDEN.keySet().stream().anyMatch(p -> p.matcher(stripComments(bad)).find()));
        assertTrue(!stripComments("// System.out.println\n/* Math.random() */").contains("System"));
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertTrue(files.size() > 10, "expected to find the main sources under " + MAIN.toAbsolutePath());
            return files;
        }
    }

    private static String packageOf(Path file) {
        return MAIN.relativize(file).getName(0).toString();
    }

    private static String read(Path f) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }
}
