package org.iblrnn.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/**
 * A file could not be written (or read) because of the storage, not because of its contents:
 * the disk is full, the storage is read-only, permission is denied. The message is a sentence a
 * person can act on; the command line exits with its own code for these (see {@code cli.Main}).
 */
public final class StorageException extends IOException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "cannot write FILE: WHY; WHAT TO DO" from the underlying failure. */
    public static StorageException writing(Object file, IOException e) {
        return new StorageException("cannot write " + file + ": " + explain(e), e);
    }

    /** A plain-words explanation of a storage failure, with what to do about it. */
    public static String explain(IOException e) {
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        String r = reason == null ? "" : reason;
        if (r.contains("No space left") || r.contains("Disk quota")) {
            return "the disk is full (" + r + "); free some space and run the command again";
        }
        if (r.contains("Read-only file system")) {
            return "the storage is read-only; run the command on a writable copy or choose another folder";
        }
        if (e instanceof AccessDeniedException || r.contains("Permission denied")) {
            return "permission denied; check the permissions of the file and its folder";
        }
        return r.isEmpty() ? "input/output error" : r;
    }
}
