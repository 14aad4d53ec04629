package org.switchboard.app;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code switchboard} command line: {@code start}, {@code stop}, {@code simulate}, {@code demo-data}... */
@Command(
        name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Switchboard: an open-source contact center for mobile operators.")
public final class Main implements Runnable {

    /**
     * The subcommands by name, in the order the usage lists them. A run builds picocli's model of the one it names
     * alone: building all of them (reflection over every option of every command) took a quarter of a second of
     * every planning command's start on a slow host.
     */
    static final java.util.Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static java.util.Map<String, Class<?>> subcommands() {
        java.util.Map<String, Class<?>> commands = new java.util.LinkedHashMap<>();
        commands.put("start", StartCommand.class);
        commands.put("stop", StopCommand.class);
        commands.put("simulate", SimulateCommand.class);
        commands.put("staffing", StaffingCommand.class);
        commands.put("forecast", ForecastCommand.class);
        commands.put("replay", ReplayCommand.class);
        commands.put("schedule", ScheduleCommand.class);
        commands.put("plan-launch", PlanLaunchCommand.class);
        commands.put("version", Main.VersionCommand.class);
        commands.put("train", TrainCommand.class);
        commands.put("demo-data", DemoDataCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(commands);
    }

    public static void main(String[] args) {
        int code = commandLine(args).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The whole command line, every subcommand in it. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: with the one subcommand they name when it is one (but {@code help}), else
     * with all of them (the usage lists them, a misspelt name gets suggestions).
     */
    static CommandLine commandLine(String[] args) {
        CommandLine line = new CommandLine(new Main());
        String named = args.length > 0 ? args[0] : "";
        SUBCOMMANDS.forEach((name, command) -> {
            if (name.equals(named) || !SUBCOMMANDS.containsKey(named) || named.equals("help")) {
                line.addSubcommand(name, command);
            }
        });
        return line.registerConverter(java.nio.file.Path.class, Main::path)
                .registerConverter(Double.class, Main::decimal)
                .registerConverter(Double.TYPE, Main::decimal)
                .setCaseInsensitiveEnumValuesAllowed(true)
                // at picocli's 80 columns the options' column cut URLs and file names at ':' and '.', which then
                // could not be copied (jdbc:postgresql://127.0.0.1: / 5432/switchboard)
                .setUsageHelpWidth(110)
                .setParameterExceptionHandler(Main::badParameter)
                .setExecutionExceptionHandler(Main::explain);
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * A number as a person writes it ({@code 200}, {@code 1.8}, {@code 2.5e3}); Java's own parsing would also take
     * {@code 0x1p8}, {@code 200d}, {@code NaN} and spaces around.
     */
    static Double decimal(String value) {
        if (!DECIMAL.matcher(value).matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
        }
        double number = Double.parseDouble(value);
        if (!Double.isFinite(number)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is too large a number");
        }
        return number;
    }

    /** A file as a flag names it; a name ending in '/' is a directory's (a Path would drop the slash). */
    static java.nio.file.Path path(String value) {
        if (value.length() > 1 && value.endsWith("/")) {
            throw new CommandLine.TypeConversionException("'" + value + "' names a directory; name a file");
        }
        return java.nio.file.Path.of(value);
    }

    /**
     * Picocli's "'x' is not a double" and "cannot convert 'x' to class java.time.LocalDate (java.time.format…)" in
     * words a planner reads, without Java's names: "is not a number", "is not a whole number", "is not a date".
     */
    static String plainTypes(String message) {
        return message.replaceFirst("^Error: ", "") // picocli's own prefix: the line already says "switchboard: "
                .replaceAll("is not an? (double|float)$", "is not a number")
                .replaceAll("is not an? (int|long|short|byte)$", "is not a whole number")
                .replaceAll(
                        "cannot convert '(.*)' to class java\\.time\\.LocalDate \\(.*\\)$",
                        "'$1' is not a date (YYYY-MM-DD)")
                .replaceAll("cannot convert '(.*)' to class (?:[\\w$]+\\.)*(\\w+) \\(.*\\)$", "'$1' is not a valid $2");
    }

    /** A flag the command cannot take: one line saying which and why, and where the usage is (not the usage itself). */
    private static int badParameter(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("switchboard: " + printable(plainTypes(messageOf(e))));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, command.getErr());
        command.getErr().println("  see: " + command.getCommandSpec().qualifiedName() + " --help");
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * The value of a required option: picocli refuses a command line without it, so null means the command was built
     * some other way; that is still one clear line naming the option, not a NullPointerException.
     */
    static <T> T required(@Nullable T value, String option) {
        if (value == null) {
            throw new IllegalArgumentException("missing required option " + option);
        }
        return value;
    }

    /** The exception's message, or its type when it has none (a one-line error never says "null"). */
    static String messageOf(Exception e) {
        String message = e.getMessage();
        return message != null ? message : e.getClass().getSimpleName();
    }

    /**
     * A message as a terminal may show it: control characters (an escape sequence quoted from a file would retitle or
     * clear the user's terminal) written as {@code \\uXXXX}.
     */
    static String printable(String message) {
        StringBuilder out = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (Character.getType(c) == Character.CONTROL) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** A failure a user can act on is one clear line; anything else keeps its stack trace for a bug report. */
    private static int explain(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        if (e instanceof IllegalArgumentException
                || e.getClass().getSimpleName().equals("StorageException")) {
            command.getErr().println("switchboard: " + printable(messageOf(e)));
            command.getErr().flush();
            return 1;
        }
        throw new IllegalStateException(e);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.@Nullable CommandSpec spec;

    @Override
    public void run() { // no subcommand: the usage, with every command (the command line was built with all of them)
        java.util.Objects.requireNonNull(spec, "picocli injects the command spec")
                .commandLine()
                .usage(System.out);
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Switchboard " + version()};
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
    static final class VersionCommand implements Runnable {
        @Override
        public void run() {
            System.out.println("Switchboard " + version() + " (Java " + Runtime.version() + ")");
        }
    }
}
