package org.switchboard.app;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return SimulateCommand.zone(zone, System.getenv("SWITCHBOARD_TIME_ZONE"));
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

    /** Writes {@code file} whole: beside it first, then moved over it, so a reader never sees half of it. */
    static void writeFile(Path file, Result result) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(file + " is a directory; name a file to write");
        }
        if (absolute.getParent() == null || !Files.isDirectory(absolute.getParent())) {
            throw new IllegalArgumentException("cannot write " + file + ": no such directory " + absolute.getParent());
        }
        Path temporary = Files.createTempFile(absolute.getParent(), ".switchboard-", ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                result.writeTo(writer);
            }
            readableByAll(temporary);
            Files.move(temporary, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A temporary file is private (rw-------); a result is rw-r--r--, as a file the shell would have written. */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** A planning input file, UTF-8; a missing one is refused with its name. */
    static java.io.Reader open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory, not a file");
        }
        try {
            java.io.BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            reader.mark(1);
            if (reader.read() != '\uFEFF') { // a byte order mark, as spreadsheets write, is not part of the header
                reader.reset();
            }
            return reader;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file, e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text", e);
        }
    }

    /** Reads {@code file} with {@code reader}; what is wrong in it is refused with the file's name. */
    static <T> T read(Path file, Reading<T> reader) throws IOException {
        try (java.io.Reader in = open(file)) {
            return reader.read(in);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text", e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                throw new IllegalArgumentException(file + " is not UTF-8 text", e);
            }
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage().startsWith(file.toString()) ? e.getMessage() : file + ": " + e.getMessage(), e);
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
