package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the planning commands read and write, as a careless or hostile user names them. */
class PlanningFilesTest {

    private static final String FORECAST =
            "interval_start,queue,offered,aht_seconds\n2026-12-01T09:00Z,info,100,180\n2026-12-01T09:30Z,info,120,180\n";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int staffing(String forecast, String out) {
        return Main.commandLine()
                .setErr(new PrintWriter(err))
                .execute("staffing", "--forecast", forecast, "--sl-percent", "80", "--sl-seconds", "20", "--out", out);
    }

    /** What the command said: one line, no stack trace, no Java class names. */
    private String oneLine() {
        assertThat(err.toString().lines()).as(err.toString()).hasSize(1);
        assertThat(err.toString()).doesNotContain("Exception", "org.", "java.", "\tat ");
        return err.toString().strip();
    }

    @Test
    void aLinkNamedAsOutIsFollowedAndKept() throws IOException {
        Path forecast = Files.writeString(dir.resolve("forecast.csv"), FORECAST);
        Path real = Files.writeString(dir.resolve("real.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real.getFileName());

        assertThat(staffing(forecast.toString(), link.toString())).isZero();

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).startsWith("interval_start,queue,").contains("info");
    }

    @Test
    void aPipeNamedAsOutIsWrittenThroughNotReplacedByAFile() throws Exception {
        Path forecast = Files.writeString(dir.resolve("forecast.csv"), FORECAST);
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0)
                .isTrue();
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThat(staffing(forecast.toString(), fifo.toString())).isZero();

        assertThat(reader.get(20, TimeUnit.SECONDS)).startsWith("interval_start,queue,");
        assertThat(Files.isRegularFile(fifo)).as("still a pipe").isFalse();
        assertThat(Files.exists(fifo)).isTrue();
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneIsReadableByAll() throws IOException {
        Path forecast = Files.writeString(dir.resolve("forecast.csv"), FORECAST);
        Path secret = Files.writeString(dir.resolve("secret.csv"), "old");
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        assertThat(staffing(forecast.toString(), secret.toString())).isZero();
        assertThat(staffing(forecast.toString(), dir.resolve("new.csv").toString()))
                .isZero();

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                .isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve("new.csv"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void anEscapeSequenceQuotedFromAFileNeverReachesTheTerminal() throws IOException {
        Path forecast = Files.writeString(
                dir.resolve("forecast.csv"),
                "interval_start,queue,offered,aht_seconds\n2026-12-01T09:00Z,a\u001b]2;TITLE\u0007b,100,180\n");

        assertThat(staffing(forecast.toString(), dir.resolve("never.csv").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).doesNotContain("\u001b", "\u0007").contains("\\u001b");
    }

    @Test
    void anOutThatNamesADirectoryOrNothingIsRefused() throws IOException {
        Path forecast = Files.writeString(dir.resolve("forecast.csv"), FORECAST);

        assertThat(staffing(forecast.toString(), dir.resolve("newdir") + "/")).isEqualTo(2);
        assertThat(err.toString()).contains("names a directory");
        err.getBuffer().setLength(0);
        assertThat(staffing(forecast.toString(), "")).isEqualTo(1);
        assertThat(oneLine()).contains("name is empty");
        assertThat(dir.resolve("newdir")).doesNotExist();
    }

    @Test
    void aScenarioWithoutEndIsRefusedNotReadIntoTheHeap() {
        assertThat(Main.commandLine().setErr(new PrintWriter(err)).execute("simulate", "--scenario", "/dev/zero"))
                .isEqualTo(1);
        assertThat(oneLine()).contains("/dev/zero is larger than");
    }

    @Test
    void aHeaderAloneOrAMissingArgumentIsOneLineNamingWhat() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "interval_start,queue,offered,aht_seconds\n");

        assertThat(Main.commandLine().setErr(new PrintWriter(err)).execute("forecast", "--history", empty.toString()))
                .isEqualTo(1);
        assertThat(oneLine()).isEqualTo("switchboard: " + empty + " has no rows, only its header");
        err.getBuffer().setLength(0);
        assertThat(Main.commandLine().setErr(new PrintWriter(err)).execute("forecast"))
                .isEqualTo(2);
        assertThat(err.toString())
                .startsWith("switchboard: Missing required argument")
                .doesNotContain("Error: ");
    }

    /** Requirements for 'schedule', as 'staffing --forecast' writes them. */
    private Path requirements() throws IOException {
        StringBuilder day = new StringBuilder("interval_start,queue,offered,aht_seconds\n");
        for (int slot = 0; slot < 48; slot++) { // open all day
            day.append(java.time.LocalDateTime.of(2026, 12, 1, slot / 2, slot % 2 * 30))
                    .append("Z,info,100,180\n");
        }
        Path forecast = Files.writeString(dir.resolve("forecast.csv"), day);
        Path requirements = dir.resolve("requirements.csv");
        assertThat(staffing(forecast.toString(), requirements.toString())).isZero();
        return requirements;
    }

    private int schedule(Path requirements, String... outputs) {
        String[] args = new String[3 + outputs.length];
        args[0] = "schedule";
        args[1] = "--requirements";
        args[2] = requirements.toString();
        System.arraycopy(outputs, 0, args, 3, outputs.length);
        return Main.commandLine().setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void twoOptionsNamingOneFileAreRefusedBeforeAnyWork() throws IOException {
        Path requirements = requirements();
        Path shifts = Files.writeString(dir.resolve("shifts.csv"), "the shifts of before");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), shifts.getFileName());

        assertThat(schedule(requirements, "--out", shifts.toString(), "--coverage", shifts.toString()))
                .isEqualTo(1);
        assertThat(oneLine())
                .isEqualTo("switchboard: --out and --coverage both name " + shifts + "; give each its own file");
        err.getBuffer().setLength(0);
        assertThat(schedule(requirements, "--chart", link.toString(), "--out", shifts.toString()))
                .isEqualTo(1);
        assertThat(oneLine()).contains("--out and --chart both name " + link);
        assertThat(shifts).hasContent("the shifts of before");

        assertThat(schedule(requirements, "--out", "/dev/null", "--coverage", "/dev/null")) // a device takes both
                .isZero();
    }

    @Test
    void theSameNameThroughALinkedDirectoryIsOneFileAndADescriptorTakesEveryResult() throws IOException {
        Path requirements = requirements();
        Path real = Files.createDirectory(dir.resolve("real"));
        Path linked = Files.createSymbolicLink(dir.resolve("linked"), real.getFileName());

        assertThat(schedule(
                        requirements,
                        "--out",
                        real.resolve("x.csv").toString(),
                        "--coverage",
                        linked.resolve("x.csv").toString()))
                .isEqualTo(1);
        assertThat(oneLine()).contains("--out and --coverage both name");
        assertThat(real.resolve("x.csv")).doesNotExist();

        var printed = new java.io.ByteArrayOutputStream();
        assertThat(withStandardOutput(
                        printed, () -> schedule(requirements, "--coverage", "/dev/stdout", "--chart", "/dev/stdout")))
                .isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("interval_start,required,scheduled,under,over") // the coverage
                .contains("<svg") // the chart
                .contains("agent,start,end,pattern"); // and the shifts
    }

    @Test
    void aStandardOutputThatFailsIsARefusalAndReplacesNoFile() throws IOException {
        Path requirements = requirements();
        Path coverage = Files.writeString(dir.resolve("coverage.csv"), "the coverage of before");
        var full = new java.io.OutputStream() { // as a full disk behind '>' would
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("No space left on device");
                    }
                };
        assertThat(withStandardOutput(full, () -> schedule(requirements, "--coverage", coverage.toString())))
                .isEqualTo(1);
        assertThat(oneLine()).isEqualTo("switchboard: cannot write the standard output");
        assertThat(coverage).hasContent("the coverage of before");
    }

    /** What {@code run} returns with standard output going to {@code out} meanwhile. */
    private static int withStandardOutput(java.io.OutputStream out, java.util.function.IntSupplier run) {
        java.io.PrintStream console = System.out;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return run.getAsInt();
        } finally {
            System.setOut(console);
        }
    }

    @Test
    void simulateRefusesItsIntervalsFileBeforeSimulating() throws IOException {
        Path scenario = dir.resolve("not-yet-written.yaml"); // the output is refused before any input is read
        assertThat(Main.commandLine()
                        .setErr(new PrintWriter(err))
                        .execute(
                                "simulate",
                                "--scenario",
                                scenario.toString(),
                                "--intervals",
                                dir.resolve("no/intervals.csv").toString()))
                .isEqualTo(1);
        assertThat(oneLine()).contains("cannot write " + dir.resolve("no/intervals.csv"), "no such directory");
    }

    @Test
    void aRunThatFailsWritesNoneOfItsFiles() throws IOException {
        Path requirements = requirements();
        Path coverage = dir.resolve("coverage.csv");
        Path chart = Files.writeString(dir.resolve("chart.svg"), "the chart of before");

        assertThat(schedule(
                        requirements,
                        "--coverage",
                        coverage.toString(),
                        "--out",
                        dir.resolve("no/shifts.csv").toString()))
                .isEqualTo(1);
        assertThat(oneLine()).contains("cannot write " + dir.resolve("no/shifts.csv"), "no such directory");
        err.getBuffer().setLength(0);
        assertThat(schedule(
                        requirements,
                        "--coverage",
                        coverage.toString(),
                        "--chart",
                        chart.toString(),
                        "--out",
                        "/dev/full"))
                .isEqualTo(1);
        assertThat(oneLine()).contains("cannot write /dev/full");

        assertThat(coverage).doesNotExist();
        assertThat(chart).hasContent("the chart of before");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
    }

    @Test
    void anUnwritableOutIsOneLine() throws IOException {
        Path forecast = Files.writeString(dir.resolve("forecast.csv"), FORECAST);
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("gone/x.csv"));

        assertThat(staffing(forecast.toString(), dangling.toString())).isEqualTo(1);
        assertThat(oneLine()).contains("cannot write " + dangling, "link");
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
    }

    @Test
    void anUnreadableInputIsOneLineNamingTheFile() throws IOException {
        Path loop = Files.createSymbolicLink(dir.resolve("loop.csv"), dir.resolve("loop.csv"));
        Path out = dir.resolve("never.csv");

        assertThat(staffing(loop.toString(), out.toString())).isEqualTo(1);
        assertThat(oneLine()).startsWith("switchboard: cannot read " + loop + ": ");

        err.getBuffer().setLength(0);
        assertThat(staffing("", out.toString())).isEqualTo(1);
        assertThat(oneLine()).contains("name is empty");

        err.getBuffer().setLength(0);
        Path endless = Files.writeString(dir.resolve("endless.csv"), "x".repeat(PlanningOutput.LONGEST_LINE + 10));
        assertThat(staffing(endless.toString(), out.toString())).isEqualTo(1);
        assertThat(oneLine()).contains(endless.toString(), "line 1 is longer than");

        assertThat(out).doesNotExist();
    }

    @Test
    void aFileThatIsNotCsvOrHasABadHeaderIsSaidInWords() throws IOException {
        Path out = dir.resolve("never.csv");
        String[][] cases = {
            {
                "interval_start,queue,offered,aht_seconds\n\"2026-12-01T09:00Z,info,100,180\n",
                "line 2: a field opens a quote (\") that the file never closes"
            },
            {
                "interval_start,queue,offered,aht_seconds\n2026-12-01T09:00Z,\"info\"x,100,180\n",
                "line 2: text after a field's closing quote"
            },
            {"interval_start,,queue,offered,aht_seconds\n2026-12-01T09:00Z,,info,100,180\n", "column without a name"},
            {"interval_start,queue,offered,offered,aht_seconds\n", "names 'offered' twice"},
            {"interval_start;queue;offered;aht_seconds\n2026-12-01T09:00Z;info;100;180\n", "separated by ';'"},
        };
        for (String[] bad : cases) {
            err.getBuffer().setLength(0);
            Path file = Files.writeString(dir.resolve("bad.csv"), bad[0]);
            assertThat(staffing(file.toString(), out.toString())).as(bad[0]).isEqualTo(1);
            assertThat(oneLine()).as(bad[0]).contains(file.toString(), bad[1]);
        }
        err.getBuffer().setLength(0);
        String longHeader = "interval_start,queue,offered,aht_seconds," + "x,".repeat(10_000) + ",y\n";
        Path file = Files.writeString(dir.resolve("wide.csv"), longHeader);
        assertThat(staffing(file.toString(), out.toString())).isEqualTo(1);
        assertThat(oneLine()).hasSizeLessThan(300);
        assertThat(out).doesNotExist();
    }
}
