package org.switchboard.planning.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.model.SkillExpression;
import org.switchboard.planning.QueueRoster;

/**
 * Reads a {@link Scenario} from YAML or JSON (JSON is YAML); the format is in docs/planning.md, "Scenario files".
 * Every field is checked, unknown fields are refused (a misspelt one would otherwise be silently ignored), and an
 * error says where: {@code queues[2].handle.meanSeconds: must be above 0…}.
 */
public final class ScenarioFile {

    /** The largest scenario file read. */
    public static final int MOST_BYTES = 4 << 20;

    /** {@code key:} with nothing after it is YAML's null, as {@code key: ~} is: the default where there is one. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ZoneId defaultZone;
    private final List<String> path = new ArrayList<>();

    private ScenarioFile(ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    /**
     * Reads {@code file} (at most {@link #MOST_BYTES}, whatever its size says); {@link IllegalArgumentException} says
     * what is wrong and where. The command line reads its files through its own reader, which names every failure.
     */
    public static Scenario load(Path file, ZoneId defaultZone) {
        try (var in = Files.newInputStream(file)) {
            return parse(file.toString(), in.readNBytes(MOST_BYTES + 1), defaultZone);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a scenario from {@code text}; {@code source} names it in errors; the zone when the file gives none. */
    public static Scenario parse(String source, byte[] text, ZoneId defaultZone) {
        if (text.length > MOST_BYTES) {
            throw new IllegalArgumentException(source + " is larger than " + MOST_BYTES + " bytes");
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(text));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(source + " is not UTF-8 text", e);
        }
        JsonNode root;
        try {
            root = (looksLikeJson(text) ? JSON : YAML).readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + " is not YAML or JSON: " + problemOf(e));
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " cannot be read: " + e.getMessage(), e);
        }
        ScenarioFile reader = new ScenarioFile(defaultZone);
        try {
            return reader.scenario(root);
        } catch (IllegalArgumentException e) {
            String where = String.join("", reader.path);
            throw new IllegalArgumentException(
                    source + ": " + (where.isEmpty() ? "" : where.replaceFirst("^\\.", "") + ": ") + e.getMessage(), e);
        }
    }

    /** JSON text (a scenario given as an object over the API) is read as JSON: YAML's limits on keys do not apply. */
    private static boolean looksLikeJson(byte[] text) {
        for (byte b : text) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    private static String problemOf(JacksonException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String first = message.lines().findFirst().orElse("").strip();
        if (first.contains("StreamReadConstraints")) {
            first = "it is nested too deeply or too large";
        } else if (first.startsWith("Unexpected end-of-input")) {
            first = "it ends before a bracket or quote it opened is closed (cut short?)";
        } else if (first.startsWith("Duplicate field ")) {
            first = "the key " + first.substring("Duplicate field ".length()) + " is given twice";
        } else if (first.startsWith("Trailing token")) {
            first = "it holds more than one document or value";
        } else if (first.contains("org.yaml") || first.contains("com.fasterxml") || first.contains("Feature.")) {
            first = "it uses YAML this reader does not take (complex keys, tags, several documents)";
        }
        if (first.length() > 200) {
            first = first.substring(0, 200) + "…";
        }
        var at = e.getLocation();
        return at == null || at.getLineNr() < 1
                ? first
                : first + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    // ---------------------------------------------------------------- the scenario

    private Scenario scenario(JsonNode root) {
        object(root, Set.of("start", "days", "zone", "intervalMinutes", "seed", "queues", "groups"));
        LocalDate start = at("start", () -> date(required(root, "start")));
        int days = at("days", () -> integer(root.get("days"), 1, 1, Scenario.MOST_DAYS));
        ZoneId zone = at("zone", () -> zone(root.get("zone")));
        int intervalMinutes = at("intervalMinutes", () -> integer(root.get("intervalMinutes"), 30, 15, 60));
        if (intervalMinutes != 15 && intervalMinutes != 30 && intervalMinutes != 60) {
            throw failAt("intervalMinutes", "must be 15, 30 or 60");
        }
        long seed = at("seed", () -> longValue(root.get("seed"), 1));
        int intervals = days * 1440 / intervalMinutes;
        int perDay = 1440 / intervalMinutes;
        List<Scenario.QueueSpec> queues = list(
                at("queues", () -> required(root, "queues")),
                "queues",
                Scenario.MOST_QUEUES,
                q -> queue(q, intervals, perDay));
        List<Scenario.Group> groups = list(
                at("groups", () -> required(root, "groups")),
                "groups",
                Scenario.MOST_GROUPS,
                g -> group(g, intervals, perDay));
        return new Scenario(start, days, zone, intervalMinutes, seed, queues, groups);
    }

    private Scenario.QueueSpec queue(JsonNode node, int intervals, int perDay) {
        object(
                node,
                Set.of(
                        "id",
                        "arrivalsPerHour",
                        "handle",
                        "patience",
                        "routing",
                        "target",
                        "wrapUpSeconds",
                        "callbackAfterSeconds",
                        "callbackTakeUpPercent"));
        String id = at(".id", () -> id(required(node, "id"), "queue"));
        double[] arrivals =
                at(".arrivalsPerHour", () -> perInterval(required(node, "arrivalsPerHour"), intervals, perDay));
        Distribution handle = at(".handle", () -> distribution(required(node, "handle")));
        Distribution patience =
                node.hasNonNull("patience") ? at(".patience", () -> distribution(node.get("patience"))) : null;
        List<RoutingStep> routing = node.has("routing")
                ? list(node.get("routing"), ".routing", 10, this::step)
                : at(".routing", () -> List.of(RoutingStep.of(SkillExpression.parse(id), 0)));
        Scenario.Target target = node.has("target")
                ? at(".target", () -> target(node.get("target")))
                : new Scenario.Target(0.8, 20, null, null);
        int wrapUp = at(".wrapUpSeconds", () -> integer(node.get("wrapUpSeconds"), 0, 0, 3_600));
        long callbackAfter = node.hasNonNull("callbackAfterSeconds")
                ? at(".callbackAfterSeconds", () -> integer(node.get("callbackAfterSeconds"), 0, 0, 86_400))
                : -1;
        double takeUp =
                at(".callbackTakeUpPercent", () -> number(node.get("callbackTakeUpPercent"), 100, 1, 100)) / 100;
        if (node.has("callbackTakeUpPercent") && callbackAfter < 0) {
            throw failAt(
                    ".callbackTakeUpPercent",
                    "needs callbackAfterSeconds: callbacks are offered only to callers told to wait longer");
        }
        at(
                ".routing",
                () -> new QueueConfig(
                        id,
                        id,
                        routing,
                        new ServiceLevelTarget(target.slSeconds(), 80, target.slSeconds()),
                        RoutingStrategy.LONGEST_IDLE,
                        wrapUp,
                        QueueConfig.DEFAULT_OFFER_TIMEOUT_SECONDS,
                        0,
                        60,
                        null));
        return new Scenario.QueueSpec(id, arrivals, handle, patience, routing, target, wrapUp, callbackAfter, takeUp);
    }

    private RoutingStep step(JsonNode node) {
        object(node, Set.of("skills", "seconds"));
        SkillExpression skills = at(".skills", () -> SkillExpression.parse(text(required(node, "skills"), 500)));
        int seconds = at(".seconds", () -> integer(node.get("seconds"), 0, 0, 86_400));
        return RoutingStep.of(skills, seconds);
    }

    private Scenario.Target target(JsonNode node) {
        object(node, Set.of("slPercent", "slSeconds", "asaSeconds", "maxAbandonPercent"));
        double sl = at(".slPercent", () -> number(node.get("slPercent"), 80, 0, 100)) / 100;
        int slSeconds = at(".slSeconds", () -> integer(node.get("slSeconds"), 20, 1, 3_600));
        Double asa = node.hasNonNull("asaSeconds")
                ? at(".asaSeconds", () -> number(node.get("asaSeconds"), 0, 1, 3_600))
                : null;
        Double abandon = node.hasNonNull("maxAbandonPercent")
                ? at(".maxAbandonPercent", () -> number(node.get("maxAbandonPercent"), 0, 0.01, 99.99) / 100)
                : null;
        return new Scenario.Target(sl, slSeconds, asa, abandon);
    }

    private Distribution distribution(JsonNode node) {
        if (node.isNumber()) {
            return new Distribution.Exponential(number(node, 0, 0.001, Distribution.MOST_SECONDS));
        }
        object(node, Set.of("distribution", "meanSeconds", "sdSeconds", "seconds"));
        String kind = at(".distribution", () -> text(required(node, "distribution"), 20));
        return switch (kind) {
            case "exponential" -> {
                only(node, kind, "meanSeconds");
                yield new Distribution.Exponential(
                        at(".meanSeconds", () -> number(required(node, "meanSeconds"), 0, 0.001, 86_400)));
            }
            case "lognormal" -> {
                only(node, kind, "meanSeconds", "sdSeconds");
                yield new Distribution.Lognormal(
                        at(".meanSeconds", () -> number(required(node, "meanSeconds"), 0, 0.001, 86_400)),
                        at(".sdSeconds", () -> number(required(node, "sdSeconds"), 0, 0.001, 86_400)));
            }
            case "fixed" -> {
                only(node, kind, "seconds");
                yield new Distribution.Fixed(at(".seconds", () -> number(required(node, "seconds"), 0, 0.001, 86_400)));
            }
            case "empirical" -> {
                only(node, kind, "seconds");
                yield new Distribution.Empirical(at(".seconds", () -> numbers(required(node, "seconds"), 100_000)));
            }
            default ->
                throw failAt(
                        ".distribution",
                        "must be exponential, lognormal, fixed or empirical, was '" + shorten(kind) + "'");
        };
    }

    private Scenario.Group group(JsonNode node, int intervals, int perDay) {
        object(node, Set.of("id", "skills", "agents", "shifts"));
        String id = at(".id", () -> id(required(node, "id"), "group"));
        if (id.length() > 48) {
            throw failAt(".id", "a group id has at most 48 characters");
        }
        Map<String, Integer> skills = at(".skills", () -> skills(required(node, "skills")));
        at(".skills", () -> new AgentConfig(id + "-1", id + "-1", skills, Map.of(), true));
        if (node.has("agents") == node.has("shifts")) {
            throw new IllegalArgumentException("group '" + id + "' needs either agents or shifts, not both or neither");
        }
        int[] agents = node.has("agents")
                ? at(".agents", () -> toAgents(perInterval(node.get("agents"), intervals, perDay)))
                : shifts(node.get("shifts"), intervals, perDay);
        return new Scenario.Group(id, skills, agents);
    }

    /** Shifts that repeat every day: a night shift of the day before the first covers the first morning. */
    private int[] shifts(JsonNode node, int intervals, int perDay) {
        int[] agents = new int[intervals];
        List<int[]> shifts = list(node, ".shifts", 100, shift -> shift(shift, perDay));
        for (int[] shift : shifts) {
            for (int day = -1; day * perDay < intervals; day++) {
                for (int i = 0; i < shift[1]; i++) {
                    int t = day * perDay + shift[0] + i;
                    if (t >= 0 && t < intervals) {
                        agents[t] = (int) Math.min(QueueRoster.MOST_AGENTS, (long) agents[t] + shift[2]);
                    }
                }
            }
        }
        return agents;
    }

    /** {start interval of the day, length in intervals, agents}. */
    private int[] shift(JsonNode node, int perDay) {
        object(node, Set.of("start", "hours", "agents"));
        int intervalMinutes = 1440 / perDay;
        LocalTime start = at(".start", () -> clockTime(text(required(node, "start"), 10)));
        int startMinute = start.getHour() * 60 + start.getMinute();
        if (start.getSecond() != 0 || start.getNano() != 0 || startMinute % intervalMinutes != 0) {
            throw failAt(".start", "must start on an interval (every " + intervalMinutes + " minutes)");
        }
        double hours = at(".hours", () -> number(required(node, "hours"), 0, 0.25, 24));
        double length = hours * 60 / intervalMinutes;
        if (Math.abs(length - Math.rint(length)) > 1e-9 || length < 1) {
            throw failAt(".hours", "must be a whole number of intervals (" + intervalMinutes + " minutes)");
        }
        int agents = at(".agents", () -> integer(required(node, "agents"), 0, 0, QueueRoster.MOST_AGENTS));
        return new int[] {startMinute / intervalMinutes, (int) Math.rint(length), agents};
    }

    // ---------------------------------------------------------------- values

    /** One number for every interval, or one per interval of a day (repeated every day), or of the whole run. */
    private double[] perInterval(JsonNode node, int intervals, int perDay) {
        if (node.isNumber()) {
            double value = number(node, 0, 0, Scenario.MOST_ARRIVALS_PER_HOUR);
            double[] all = new double[intervals];
            java.util.Arrays.fill(all, value);
            return all;
        }
        double[] given = numbers(node, intervals);
        if (given.length == intervals) {
            return given;
        }
        if (given.length == 1) { // [100] is the one number 100
            return perInterval(node.get(0), intervals, perDay);
        }
        if (given.length != perDay) {
            throw new IllegalArgumentException("needs one number, or " + perDay + " (one per interval of a day), or "
                    + intervals + " (one per interval of the run); it has " + given.length);
        }
        double[] all = new double[intervals];
        for (int t = 0; t < intervals; t++) {
            all[t] = given[t % perDay];
        }
        return all;
    }

    private static int[] toAgents(double[] values) {
        int[] agents = new int[values.length];
        for (int t = 0; t < values.length; t++) {
            if (values[t] != Math.rint(values[t]) || values[t] > QueueRoster.MOST_AGENTS) {
                throw new IllegalArgumentException(
                        "agents are whole numbers 0.." + QueueRoster.MOST_AGENTS + ", was " + values[t]);
            }
            agents[t] = (int) values[t];
        }
        return agents;
    }

    private static double[] numbers(JsonNode node, int most) {
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("must be a list of numbers");
        }
        if (node.size() > most) {
            throw new IllegalArgumentException("has " + node.size() + " numbers; at most " + most);
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            int index = i;
            JsonNode value = node.get(i);
            if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < 0) {
                throw new IllegalArgumentException("item " + (index + 1) + " is not a finite number ≥ 0");
            }
            values[i] = value.doubleValue();
        }
        return values;
    }

    private static Map<String, Integer> skills(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException("must map skill names to proficiencies 1..10, e.g. {billing: 7}");
        }
        if (node.size() > 100) {
            throw new IllegalArgumentException("at most 100 skills");
        }
        Map<String, Integer> skills = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> skill = it.next();
            skills.put(skill.getKey(), integer(skill.getValue(), 0, 1, 10));
        }
        return skills;
    }

    private static String id(JsonNode node, String what) {
        String id = text(node, 64);
        org.switchboard.core.model.Ids.require(what, id);
        return id;
    }

    private ZoneId zone(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return defaultZone;
        }
        try {
            return ZoneId.of(text(node, 64));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a time zone (an IANA id such as Europe/Moscow)");
        }
    }

    /** A time of day written {@code HH:MM} (00:00-23:59). */
    private static LocalTime clockTime(String text) {
        if (!text.matches("\\d\\d:\\d\\d")) {
            throw new IllegalArgumentException("must be a time of day HH:MM, was '" + text + "'");
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a time of day HH:MM (00:00-23:59), was '" + text + "'");
        }
    }

    private static LocalDate date(JsonNode node) {
        try {
            LocalDate date = LocalDate.parse(text(node, 10));
            if (date.getYear() < 2000 || date.getYear() > 2100) {
                throw new IllegalArgumentException("must be a date of 2000..2100");
            }
            return date;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a date, YYYY-MM-DD");
        }
    }

    private static String text(JsonNode node, int most) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException("must be text");
        }
        String text = node.textValue();
        if (text.length() > most) {
            throw new IllegalArgumentException("is longer than " + most + " characters");
        }
        return text;
    }

    private static int integer(@Nullable JsonNode node, int absent, int min, int max) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw new IllegalArgumentException("must be a whole number " + min + ".." + max);
        }
        return node.intValue();
    }

    private static long longValue(@Nullable JsonNode node, long absent) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException("must be a whole number");
        }
        return node.longValue();
    }

    private static double number(@Nullable JsonNode node, double absent, double min, double max) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isNumber() || !(node.doubleValue() >= min && node.doubleValue() <= max)) {
            throw new IllegalArgumentException("must be a number " + plain(min) + ".." + plain(max));
        }
        return node.doubleValue();
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    // ---------------------------------------------------------------- structure and where

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("is missing");
        }
        return value;
    }

    private static void object(JsonNode node, Set<String> fields) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("must be a mapping of fields");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!fields.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + shorten(field) + "'; known: "
                        + String.join(", ", new java.util.TreeSet<>(fields)));
            }
        }
    }

    private static void only(JsonNode node, String kind, String... fields) {
        Set<String> allowed = new java.util.HashSet<>(List.of(fields));
        allowed.add("distribution");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new IllegalArgumentException("a " + kind + " distribution has no " + field);
            }
        }
    }

    private <T> List<T> list(JsonNode node, String name, int most, java.util.function.Function<JsonNode, T> item) {
        return at(name, () -> {
            if (!node.isArray() || node.isEmpty()) {
                throw new IllegalArgumentException("must be a non-empty list");
            }
            if (node.size() > most) {
                throw new IllegalArgumentException("has " + node.size() + " items; at most " + most);
            }
            List<T> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                int index = i;
                items.add(at("[" + index + "]", () -> item.apply(node.get(index))));
            }
            return items;
        });
    }

    /** Runs {@code read} with {@code step} added to the path errors name; the path stays as it was on an error. */
    private <T> T at(String step, java.util.function.Supplier<T> read) {
        path.add(step.startsWith("[") || step.startsWith(".") ? step : "." + step);
        T value = read.get();
        path.removeLast();
        return value;
    }

    /** An error at {@code step} (added to the path errors name). */
    private IllegalArgumentException failAt(String step, String message) {
        path.add(step.startsWith(".") ? step : "." + step);
        return new IllegalArgumentException(message);
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
