package org.iblrnn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reading and writing NumPy {@code .npz} archives and single {@code .npy} files on disk.
 *
 * <p>An {@code .npz} file is a ZIP archive with one {@code <name>.npy} entry per array, as written by
 * {@code numpy.savez}; {@code numpy.load(file)[name]} returns the array. Entries are written STORED
 * (uncompressed, like {@code np.savez}) with a fixed 1980-01-01 timestamp, so the same arrays always give
 * the same bytes. Array values are written as float64 ({@link Npy#encode}); reading accepts the dtypes
 * {@link Npy#decode} does.
 *
 * <p>Writes are atomic: the content goes to a temporary file {@code <file name>.tmp-<random>} in the
 * target's directory, is forced to disk, and is then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}. Readers therefore see either the old file or the complete new
 * one, and a failed write leaves the old file and no temporary file behind.
 *
 * <p>Paths must be on the default file system. Every {@link IOException} message names the file, and
 * for archive entries the entry.
 */
public final class Npz {
    /** Extension of archive entries; stripped to form array names. */
    private static final String NPY_SUFFIX = ".npy";
    /** Entry timestamp: the DOS epoch, for byte-reproducible archives. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    /** Largest entry this reader will load into one byte array. */
    private static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;

    private Npz() {
    }

    /**
     * Writes {@code arrays} as an {@code .npz} archive, atomically replacing {@code file}.
     * Entry {@code i} is {@code arrays.get(i).name() + ".npy"}, in list order; names may contain dots
     * (e.g. {@code core.weight_ih_l0}).
     *
     * @param file   the archive to create or replace; its directory must exist
     * @param arrays the arrays, with non-empty, distinct names free of {@code '/'}, {@code '\'} and NUL
     * @throws IllegalArgumentException if a name is empty, repeated or contains a forbidden character
     * @throws IOException              if writing, forcing or renaming fails; the message names {@code file}
     */
    public static void write(Path file, List<NpyArray> arrays) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(arrays, "arrays");
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>(arrays.size());
        List<byte[]> encoded = new ArrayList<>(arrays.size());
        for (int i = 0; i < arrays.size(); i++) {
            NpyArray a = Objects.requireNonNull(arrays.get(i), "arrays[" + i + "]");
            String name = a.name();
            if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("arrays[" + i + "].name must be non-empty without '/', '\\' or NUL, got '"
                        + name + "'");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("array names must be distinct, got '" + name + "' twice");
            }
            names.add(name);
            encoded.add(Npy.encode(a));
        }
        writeAtomically(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            CRC32 crc = new CRC32();
            for (int i = 0; i < encoded.size(); i++) {
                byte[] bytes = encoded.get(i);
                crc.reset();
                crc.update(bytes);
                ZipEntry entry = new ZipEntry(names.get(i) + NPY_SUFFIX);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
            zip.finish(); // not close(): the caller still has to force the channel
        });
    }

    /**
     * Reads every entry of an {@code .npz} archive.
     *
     * @param file the archive
     * @return the arrays in archive order, keyed (and named) by entry name without {@code .npy}
     * @throws NoSuchFileException if {@code file} does not exist (the message names it)
     * @throws IOException         if {@code file} is not a ZIP archive or is truncated, or an entry is not a
     *                             {@code .npy} file, fails its CRC, or does not decode; the message names the
     *                             file and the entry
     */
    public static LinkedHashMap<String, NpyArray> read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such .npz file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IOException(file + " is not a valid .npz (zip) archive: " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e, e);
        }
        LinkedHashMap<String, NpyArray> out = new LinkedHashMap<>();
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            CRC32 crc = new CRC32();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String entryName = entry.getName();
                String source = file + ": entry " + entryName;
                if (entry.isDirectory() || !entryName.endsWith(NPY_SUFFIX)) {
                    throw new IOException(source + " is not a .npy entry: entry names must end in " + NPY_SUFFIX);
                }
                String key = entryName.substring(0, entryName.length() - NPY_SUFFIX.length());
                if (out.containsKey(key)) {
                    throw new IOException(source + " is a duplicate: entry names must be distinct");
                }
                if (entry.getSize() > MAX_ENTRY_BYTES) {
                    throw new IOException(source + " is too large: size must be <= " + MAX_ENTRY_BYTES
                            + " bytes, got " + entry.getSize());
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    throw new IOException(source + " is corrupt: " + e.getMessage(), e);
                }
                if (entry.getSize() >= 0 && bytes.length != entry.getSize()) {
                    throw new IOException(source + " is corrupt: expected " + entry.getSize()
                            + " bytes as the zip directory says, got " + bytes.length);
                }
                crc.reset();
                crc.update(bytes);
                if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
                    throw new IOException(source + " is corrupt: CRC-32 must be "
                            + String.format("%08x", entry.getCrc()) + " as the zip directory says, got "
                            + String.format("%08x", crc.getValue()));
                }
                out.put(key, Npy.decode(key, bytes, source));
            }
        } catch (IllegalStateException e) {
            // ZipFile.entries() reports some directory damage this way
            throw new IOException(file + " is not a valid .npz (zip) archive: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Writes one array as a {@code .npy} file ({@link Npy#encode}), atomically replacing {@code file}.
     * The array's name is not stored.
     *
     * @throws IOException if writing, forcing or renaming fails; the message names {@code file}
     */
    public static void writeNpy(Path file, NpyArray a) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = Npy.encode(Objects.requireNonNull(a, "a"));
        writeAtomically(file, out -> out.write(bytes));
    }

    /**
     * Reads a {@code .npy} file ({@link Npy#decode}); the result is named after the file without {@code .npy}.
     *
     * @throws NoSuchFileException if {@code file} does not exist (the message names it)
     * @throws IOException         if the file is malformed; the message names it
     */
    public static NpyArray readNpy(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = Files.readAllBytes(file);
        Path fileName = file.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        if (name.endsWith(NPY_SUFFIX)) {
            name = name.substring(0, name.length() - NPY_SUFFIX.length());
        }
        return Npy.decode(name, bytes, file.toString());
    }

    /** Writes the whole content of a file to a stream it does not close. */
    @FunctionalInterface
    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Renders {@code body} in memory, then replaces {@code file} atomically ({@link AtomicFiles}). */
    private static void writeAtomically(Path file, Body body) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        body.writeTo(buf);
        AtomicFiles.write(file, buf.toByteArray());
    }
}
