package org.iblrnn.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The exclusive lock of a run folder: every command that writes into a run folder holds it
 * ({@code RUN/.lock}, an OS file lock held through an open channel, the holder's process id
 * written inside). The operating system releases it when the process ends, however it ends, so
 * a {@code kill -9} never leaves a stale lock; the file itself stays. A second writer is refused
 * with {@link Busy} naming the folder and the holder's process id. Readers never take it.
 *
 * <p>Within one process the lock is re-entrant (the full pipeline holds it while its stages take
 * it again). When it is first taken, the temporary files of interrupted atomic writes
 * ({@code .NAME.*.tmp}, see {@link AtomicFiles}) left anywhere in the folder by a killed process
 * are removed: under the lock no other writer can own them.
 */
public final class RunLock implements AutoCloseable {
    /** Name of the lock file inside a run folder. */
    public static final String FILE = ".lock";

    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Path key;
    private final int removedTemporaries;
    private boolean closed;

    /** Another process holds the folder's lock (bad usage: exit code 2). */
    public static final class Busy extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final long pid;

        Busy(Path dir, long pid) {
            super(dir + " is in use by another iblrnn process" + (pid > 0 ? " (pid " + pid + ")" : "")
                    + "; wait for it to finish (or stop it) and run the command again, or choose another folder");
            this.pid = pid;
        }

        /** The holder's process id, or -1 if unknown. */
        public long pid() {
            return pid;
        }
    }

    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        int count;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    private RunLock(Path key, int removedTemporaries) {
        this.key = key;
        this.removedTemporaries = removedTemporaries;
    }

    /**
     * Takes the lock of {@code dir}, creating the folder if needed. In an existing folder on
     * storage that cannot be written (read-only, no permission) no lock can be taken and none is
     * needed: nobody can write there either; the command then goes on (a finished run run again
     * writes nothing) and fails at its first write, if it makes one.
     *
     * @throws Busy when another process holds it
     */
    public static RunLock acquire(Path dir) throws IOException {
        return acquire(dir, true);
    }

    /**
     * As {@link #acquire(Path)}; {@code removeTemporaries} false leaves leftover temporary files
     * alone (for a folder that holds other run folders, such as a sweep's, whose writers lock them
     * separately).
     */
    public static RunLock acquire(Path dir, boolean removeTemporaries) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " exists and is not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create the folder " + dir + ": " + StorageException.explain(e), e);
        }
        Path key = dir.toRealPath();
        synchronized (HELD) {
            Held h = HELD.get(key);
            if (h != null) {
                h.count++;
                return new RunLock(key, 0);
            }
            Path file = key.resolve(FILE);
            FileChannel ch;
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            } catch (AccessDeniedException e) {
                return new RunLock(null, 0);
            } catch (FileSystemException e) {
                if (readOnly(e)) {
                    return new RunLock(null, 0);
                }
                throw e;
            }
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                long pid = readPid(ch);
                ch.close();
                throw new Busy(dir, pid);
            }
            try {
                byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(pid), 0);
                ch.force(false);
            } catch (IOException e) {
                lock.release();
                ch.close();
                throw e;
            }
            Held held = new Held(ch, lock);
            held.count = 1;
            HELD.put(key, held);
            int removed = 0;
            try {
                removed = removeTemporaries ? removeTemporaries(key) : 0;
            } catch (IOException e) {
                removed = 0; // best effort: a leftover temporary harms nothing but space
            }
            return new RunLock(key, removed);
        }
    }

    private static boolean readOnly(FileSystemException e) {
        String r = e.getReason();
        return r != null && (r.contains("Read-only file system") || r.contains("Permission denied"));
    }

    private static long readPid(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
            return s.isEmpty() ? -1 : Long.parseLong(s);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Deletes the temporary files of interrupted atomic writes ({@code .NAME.*.tmp}) under {@code dir}. */
    private static int removeTemporaries(Path dir) throws IOException {
        int[] n = {0};
        Files.walkFileTree(dir, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), 6,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                        String name = f.getFileName().toString();
                        if (a.isRegularFile() && name.startsWith(".") && name.endsWith(".tmp")) {
                            Files.deleteIfExists(f);
                            n[0]++;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        return n[0];
    }

    /** How many leftover temporary files were removed when the lock was taken. */
    public int removedTemporaries() {
        return removedTemporaries;
    }

    /** Whether a lock is held (false on storage that cannot be written). */
    public boolean held() {
        return key != null && !closed;
    }

    @Override
    public void close() throws IOException {
        if (closed || key == null) {
            closed = true;
            return;
        }
        closed = true;
        synchronized (HELD) {
            Held h = HELD.get(key);
            if (h == null) {
                return;
            }
            if (--h.count == 0) {
                HELD.remove(key);
                try {
                    h.lock.release();
                } finally {
                    h.channel.close();
                }
            }
        }
    }
}
