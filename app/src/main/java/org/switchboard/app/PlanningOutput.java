package org.switchboard.app;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every planning command shares: where its main result goes, and the zone of local timestamps. */
final class PlanningOutput {

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the main result here (default: standard output).")
    @Nullable
    Path out;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            description = "Time zone (IANA id) of timestamps written without an offset. "
                    + "Default: SWITCHBOARD_TIME_ZONE, else the system's zone.")
    @Nullable
    String zone;

    ZoneId zone() {
        return SimulateCommand.zone("--zone", zone, System.getenv("SWITCHBOARD_TIME_ZONE"));
    }

    /** Where notes go: standard error when the result takes standard output, else standard output. */
    PrintStream notes() {
        return out == null || standardStream(out) == System.out ? System.err : System.out;
    }

    /** The further files the command writes beside its main result, by option name; checked when named. */
    private final java.util.Map<String, Path> others = new java.util.LinkedHashMap<>();

    /**
     * Names a further file the command will write (e.g. {@code --intervals}), or nothing when {@code file} is null;
     * checked now, before the command's work, as {@code --out} is: a directory, a missing directory, a link to nowhere
     * or a file another option also names is refused before anything is computed or written.
     */
    PlanningOutput also(String option, @Nullable Path file) {
        check();
        if (file != null) {
            requireWritable(option, file);
            requireOwnFile(option, file);
            others.put(option, file);
        }
        return this;
    }

    /** Refuses an --out that cannot be written, before the command's work (and again when it is written). */
    PlanningOutput check() {
        if (out != null) {
            requireWritable("--out", out);
        }
        return this;
    }

    /**
     * Writes the main result to --out (or standard output) and each further file named through {@link #also}: all of
     * them made in memory first, so a failure writes nothing, then as {@link #writeAll}.
     */
    void write(Result main, java.util.Map<String, Result> further) throws IOException {
        if (!further.keySet().containsAll(others.keySet())) {
            throw new IllegalStateException("no result for " + others.keySet() + " in " + further.keySet());
        }
        check();
        List<Output> outputs = new ArrayList<>();
        others.forEach((option, file) -> outputs.add(
                new Output(option, file, text(java.util.Objects.requireNonNull(further.get(option), option)))));
        outputs.add(new Output("--out", out, text(main)));
        writeAll(outputs);
    }

    /** Writes the main result to --out (replaced whole: written beside it, then moved) or standard output. */
    void write(Result main) throws IOException {
        write(main, java.util.Map.of());
    }

    /** Writes {@code file} whole, as {@link #writeAll} does (after {@link #requireWritable}, before the work). */
    static void writeFile(String option, Path file, Result result) throws IOException {
        writeAll(List.of(new Output(option, file, text(result))));
    }

    private static String text(Result result) {
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            result.writeTo(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /** A result and where it goes: the option's file, or standard output when {@code file} is null. */
    private record Output(String option, @Nullable Path file, String text) {}

    /** Refuses a file that cannot be written: an empty name, a directory, a link to nowhere, a missing directory. */
    static void requireWritable(String option, Path file) {
        if (file.toString().isBlank()) {
            throw new IllegalArgumentException(option + ": the file's name is empty");
        }
        if (standardStream(file) != null) {
            return;
        }
        Path target = followed(file);
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(file + " is a directory; name a file to write");
        }
        if (!Files.exists(target) && (target.getParent() == null || !Files.isDirectory(target.getParent()))) {
            throw new IllegalArgumentException("cannot write " + file + ": no such directory " + target.getParent());
        }
    }

    /** Refuses a file another option of the command already names (a device or pipe may take several). */
    private void requireOwnFile(String option, Path file) {
        if (writtenThrough(file)) {
            return;
        }
        java.util.Map<String, Path> named = new java.util.LinkedHashMap<>(others);
        if (out != null) {
            named.put("--out", out);
        }
        Path identity = identity(file);
        named.forEach((other, path) -> {
            if (!other.equals(option) && !writtenThrough(path) && identity(path).equals(identity)) {
                throw new IllegalArgumentException(
                        other + " and " + option + " both name " + file + "; give each its own file");
            }
        });
    }

    /**
     * The one name of the file a path would write: its real path when it exists, else its directory's real path and
     * its name (so {@code x.csv}, {@code ./x.csv}, a link to it and the same name through a linked directory agree).
     */
    private static Path identity(Path file) {
        Path target = followed(file);
        try {
            Path parent = target.getParent();
            if (Files.exists(target) || parent == null) {
                return Files.exists(target) ? target.toRealPath() : target.normalize();
            }
            return parent.toRealPath().resolve(target.getFileName());
        } catch (IOException | RuntimeException e) {
            return target.normalize();
        }
    }

    /**
     * Writes each result whole: every file's new content beside it first, then what goes through a device, a pipe or
     * standard output, then all the files moved over theirs, so a reader never sees half of one and a failure before
     * the moves replaces none. A link is followed (what it names is replaced, the link stays); a device or a pipe
     * ({@code /dev/null}, a FIFO) is written through, as the shell's {@code >} would, never replaced by a file.
     */
    private static void writeAll(List<Output> outputs) {
        java.util.Map<Path, Path> staged = new java.util.LinkedHashMap<>(); // temporary -> target
        List<Output> through = new ArrayList<>();
        try {
            for (Output output : outputs) {
                if (output.file() == null || writtenThrough(output.file())) {
                    through.add(output);
                    continue;
                }
                requireWritable(output.option(), output.file());
                Path target = followed(output.file());
                staged.put(stage(output.file(), target, output.text()), target);
            }
            for (Output output : through) { // a full device or a closed pipe fails before any file is replaced
                writeThrough(output);
            }
            staged.forEach(PlanningOutput::move);
        } finally {
            staged.keySet().forEach(PlanningOutput::deleteQuietly);
        }
    }

    /**
     * Written through rather than replaced: standard output or error under any of their names, a descriptor, a device
     * or a pipe, whatever they stand for (a shell's {@code > file} behind {@code /dev/stdout} is its, not ours).
     */
    private static boolean writtenThrough(Path file) {
        String name = file.toAbsolutePath().normalize().toString();
        if (standardStream(file) != null || name.startsWith("/dev/fd/") || name.startsWith("/proc/self/fd/")) {
            return true;
        }
        Path target = followed(file);
        return Files.exists(target) && !Files.isRegularFile(target);
    }

    /** Standard output or error when {@code file} names it ({@code /dev/stdout}, {@code /dev/fd/1}…), else null. */
    private static java.io.@Nullable PrintStream standardStream(Path file) {
        String name = file.toAbsolutePath().normalize().toString();
        return switch (name) {
            case "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1" -> System.out;
            case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2" -> System.err;
            default -> null;
        };
    }

    private static Path stage(Path named, Path target, String text) {
        try {
            Path temporary = Files.createTempFile(target.getParent(), ".switchboard-", ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                permissionsOf(target, temporary);
                return temporary;
            } catch (IOException | RuntimeException e) {
                deleteQuietly(temporary);
                throw e;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + named + ": " + reason(e), e);
        }
    }

    /** Moves the written file over its target in one step (a rename), so the target is never missing meanwhile. */
    private static void move(Path temporary, Path target) {
        try {
            try {
                Files.move(
                        temporary,
                        target,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + target + ": " + reason(e), e);
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // the failure being reported matters more than a temporary file left beside the target
        }
    }

    private static void writeThrough(Output output) {
        Path file = output.file();
        java.io.PrintStream stream = file == null ? System.out : standardStream(file);
        if (stream != null || file == null) {
            java.io.PrintStream to = stream != null ? stream : System.out;
            byte[] bytes = output.text().getBytes(StandardCharsets.UTF_8); // whatever the locale, as the files
            to.write(bytes, 0, bytes.length);
            if (to.checkError()) { // flushes; a PrintStream keeps its failures to itself
                throw new IllegalArgumentException(
                        "cannot write " + (file == null ? "the standard output" : file.toString()));
            }
            return;
        }
        try (Writer writer =
                Files.newBufferedWriter(followed(file), StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
            writer.write(output.text());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + reason(e), e);
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
            String message = Main.messageOf(e);
            throw new IllegalArgumentException(
                    message.startsWith(file.toString()) ? message : file + ": " + message, e);
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
