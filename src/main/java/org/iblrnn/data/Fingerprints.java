package org.iblrnn.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cheap fingerprint of an input file or folder: SHA-256 over every regular file's relative
 * name, size and modification time (sorted by name). Any file added, removed, renamed, grown or
 * rewritten changes it, without reading the contents (the mouse export is a few hundred MB).
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** The fingerprint of {@code path} (a file or a folder, walked to depth 4). */
    public static String of(Path path) throws IOException {
        List<String> lines = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path, 4)) {
                for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                    lines.add(line(path.relativize(p).toString(), p));
                }
            }
        } else {
            lines.add(line(String.valueOf(path.getFileName()), path));
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String l : lines) {
                md.update(l.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String line(String name, Path p) throws IOException {
        return name + "\t" + Files.size(p) + "\t" + Files.getLastModifiedTime(p).toMillis() + "\n";
    }
}
