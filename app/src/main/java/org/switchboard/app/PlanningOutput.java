package org.switchboard.app;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** The options every planning command shares: where its main result goes, and the zone of local timestamps. */
final class PlanningOutput {

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the main result here (default: standard output).")
    Path out;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            description = "Time zone (IANA id) of timestamps written without an offset. "
                    + "Default: SWITCHBOARD_TIME_ZONE, else the system's zone.")
    String zone;

    ZoneId zone() {
        return SimulateCommand.zone("--zone", zone, System.getenv("SWITCHBOARD_TIME_ZONE"));
    }

    /** Where notes go: standard error when the result takes standard output, else standard output. */
    PrintStream notes() {
        return out == null ? System.err : System.out;
    }

    /** Writes the main result to --out (replaced whole: written beside it, then moved) or standard output. */
    void write(Result result) throws IOException {
        if (out == null) {
            Writer writer = new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            result.writeTo(writer);
            writer.flush();
            return;
        }
        writeFile(out, result);
    }

    /**
     * Writes {@code file} whole: beside it first, then moved over it, so a reader never sees half of it. A link is
     * followed (what it names is replaced, the link stays); a device or a pipe ({@code /dev/null}, a FIFO) is written
     * through, as the shell's {@code >} would, never replaced by a file.
     */
    static void writeFile(Path file, Result result) throws IOException {
        if (file.toString().isBlank()) {
            throw new IllegalArgumentException("the file's name is empty");
        }
        Path target = followed(file);
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(file + " is a directory; name a file to write");
        }
        try {
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                try (Writer writer =
                        Files.newBufferedWriter(target, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                    result.writeTo(writer);
                }
                return;
            }
            if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
                throw new IllegalArgumentException(
                        "cannot write " + file + ": no such directory " + target.getParent());
            }
            replace(target, result);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + reason(e), e);
        }
    }

    private static void replace(Path target, Result result) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), ".switchboard-", ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                result.writeTo(writer);
            }
            permissionsOf(target, temporary);
            Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The file a path names: a symbolic link's target (through a chain of them), else the path itself. */
    private static Path followed(Path file) {
        Path absolute = file.toAbsolutePath();
        if (!Files.isSymbolicLink(absolute)) {
            return absolute;
        }
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            if (Files.exists(absolute)) { // a link to what has no path, such as a pipe (/proc/self/fd/1): through it
                return absolute;
            }
            throw new IllegalArgumentException(
                    "cannot write " + file + ": it is a link to a missing file or a loop of links", e);
        }
    }

    /** Why an input or output failed, in the operating system's words, without Java's class names. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    /**
     * A temporary file is private (rw-------); the result keeps the permissions of the file it replaces (a private
     * file stays private), and a new one is rw-r--r--, as a file the shell would have written.
     */
    private static void permissionsOf(Path replaced, Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(
                    file,
                    Files.exists(replaced)
                            ? Files.getPosixFilePermissions(replaced)
                            : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** The longest line a planning file may have: a planner's rows are short, and a file without line ends is none. */
    static final int LONGEST_LINE = 1_000_000;

    /** A planning input file, UTF-8, lines of at most {@link #LONGEST_LINE}; a missing one is refused with its name. */
    static java.io.Reader open(Path file) throws IOException {
        requireFileName(file);
        try {
            java.io.BufferedReader reader =
                    new java.io.BufferedReader(new LineBound(Files.newBufferedReader(file, StandardCharsets.UTF_8)));
            reader.mark(1);
            if (reader.read() != '\uFEFF') { // a byte order mark, as spreadsheets write, is not part of the header
                reader.reset();
            }
            return reader;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file, e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + reason(e), e);
        }
    }

    /** At most {@code most} bytes of {@code file} (a device such as /dev/zero has no size); failures as {@link #open}. */
    static byte[] bytes(Path file, int most) {
        requireFileName(file);
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(most);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + reason(e), e);
        }
    }

    private static void requireFileName(Path file) {
        if (file.toString().isBlank()) {
            throw new IllegalArgumentException("the file's name is empty");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory, not a file");
        }
    }

    /**
     * Reads {@code file} with {@code reader}; what is wrong in it is refused with the file's name, and so is a file
     * that cannot be read (a device, a disk error, a line longer than {@link #LONGEST_LINE}).
     */
    static <T> T read(Path file, Reading<T> reader) throws IOException {
        java.io.Reader opened = open(file);
        try (java.io.Reader in = opened) {
            return reader.read(in);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text", e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                throw new IllegalArgumentException(file + " is not UTF-8 text", e);
            }
            if (e.getCause() instanceof IOException cause) {
                throw new IllegalArgumentException("cannot read " + file + ": " + reason(cause), e);
            }
            throw e;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage().startsWith(file.toString()) ? e.getMessage() : file + ": " + e.getMessage(), e);
        }
    }

    /** A reader that fails, rather than filling the heap, on a line longer than {@link #LONGEST_LINE}. */
    private static final class LineBound extends java.io.FilterReader {
        private long lineLength;
        private long line = 1;

        LineBound(java.io.Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                count(buffer[i]);
            }
            return n;
        }

        private void count(char c) throws IOException {
            if (c == '\n') {
                line++;
                lineLength = 0;
            } else if (++lineLength > LONGEST_LINE) {
                throw new IOException("line " + line + " is longer than " + LONGEST_LINE + " characters");
            }
        }
    }

    /** A planning file's reader. */
    @FunctionalInterface
    interface Reading<T> {
        T read(java.io.Reader in) throws IOException;
    }

    /** Text written to a writer. */
    @FunctionalInterface
    interface Result {
        void writeTo(Writer writer) throws IOException;
    }
}
