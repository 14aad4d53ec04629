package org.switchboard.voice;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The voice menu (IVR) callers to the service numbers hear: a tree of menus, each a prompt and the DTMF keys a caller
 * may press, every key leading to a queue, another menu or another language. Read from {@code voice.ivr-file}, YAML
 * or JSON (JSON is YAML), or the built-in demo menu of 111; checked completely when read, so a menu that loads is one
 * every caller can walk: every menu named exists, every prompt is a file in every language, every key is one of
 * {@code 0-9 * #}. The format is documented in {@code docs/configuration.md}.
 *
 * @param language  the language callers hear first, unless their subscriber record names another of {@code languages}
 * @param languages the languages every prompt is recorded in
 * @param greeting  the prompt played once before the first menu, or null
 * @param invalid   the prompt played when a key leads nowhere
 * @param queued    the prompt played once when a caller enters a queue, or null
 * @param start     the first menu
 * @param noChoice  what happens to a caller who chose nothing (silence or wrong keys) in a menu that does not say
 * @param menus     the menus by name
 * @param waiting   what callers waiting in a queue hear, unless {@code queues} says otherwise for theirs
 * @param waitingByQueue what callers waiting in particular queues hear
 * @param recording whether conversations in a queue are recorded, unless {@code queues} says otherwise for it
 * @param recordingByQueue whether conversations in particular queues are recorded
 */
public record Ivr(
        String language,
        List<String> languages,
        @Nullable String greeting,
        @Nullable String invalid,
        @Nullable String queued,
        String start,
        Action noChoice,
        Map<String, Menu> menus,
        Waiting waiting,
        Map<String, Waiting> waitingByQueue,
        Recording recording,
        Map<String, Recording> recordingByQueue) {

    /**
     * What a caller waiting in a queue hears besides music on hold.
     *
     * @param announceEverySeconds the position and estimated wait are said on entry and then this often; 0: never
     * @param offerCallbackOverSeconds a callback that keeps the caller's place is offered (press 1) when the estimated
     *     wait is above this many seconds or cannot be estimated; null: never
     */
    public record Waiting(
            int announceEverySeconds, @Nullable Integer offerCallbackOverSeconds) {
        static final Waiting DEFAULT = new Waiting(60, null);
    }

    /** What callers waiting in {@code queue} hear. */
    public Waiting waitingIn(String queue) {
        return waitingByQueue.getOrDefault(queue, waiting);
    }

    /**
     * Whether the conversations of a queue are recorded (two channels: the caller left, the agent right).
     *
     * @param on      recorded
     * @param consent the prompt callers hear when they enter the queue (after {@code queued}), telling them so; null:
     *                none (where the law or the contract with the subscriber allows that)
     */
    public record Recording(boolean on, @Nullable String consent) {
        static final Recording DEFAULT = new Recording(false, "recording-consent");

        /** The prompt a caller entering such a queue hears, if any: only a recorded queue announces it. */
        public @Nullable String announced() {
            return on ? consent : null;
        }
    }

    /** Whether the conversations in {@code queue} are recorded. */
    public Recording recordingIn(String queue) {
        return recordingByQueue.getOrDefault(queue, recording);
    }

    /** What a key (or silence) leads to. */
    public sealed interface Action {
        /** The caller waits in {@code queue}; {@code topic}, when given, goes with the contact for the agent. */
        record ToQueue(String queue, @Nullable String topic) implements Action {}

        /** The caller hears another menu. */
        record ToMenu(String menu) implements Action {}

        /** The caller hears the same menu again, in {@code language}. */
        record Language(String language) implements Action {}
    }

    /**
     * One menu.
     *
     * @param prompt   what the caller hears, or null: a menu without a prompt and choices sends callers straight on to
     *                 its no-choice action (a number that goes directly to a queue)
     * @param seconds  how long the menu waits for a key after its prompt ended
     * @param attempts how many times the prompt is played before silence or wrong keys lead to {@code noChoice}
     * @param choices  what each key leads to
     * @param noChoice what silence or too many wrong keys lead to
     */
    public record Menu(
            @Nullable String prompt, int seconds, int attempts, Map<Character, Action> choices, Action noChoice) {}

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final String KEYS = "0123456789*#";
    private static final int MAX_BYTES = 1 << 20;
    /**
     * Refuses what would silently lose part of a menu: a key given twice, a second document after the first; reads
     * {@code key:} with nothing after it as YAML's null, as {@code key: ~} is.
     */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                    .build())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public Ivr {
        languages = List.copyOf(languages);
        menus = Map.copyOf(menus);
        waitingByQueue = Map.copyOf(waitingByQueue);
        recordingByQueue = Map.copyOf(recordingByQueue);
    }

    /** The demo menu of 111 (the product description, docs/product.md) that ships with the product. */
    public static Ivr demo() {
        return parse("the built-in menu", demoText());
    }

    /** The text of {@link #demo()}: where an administrator starts editing when no {@code voice.ivr-file} is set. */
    public static byte[] demoText() {
        try (InputStream in = Ivr.class.getResourceAsStream("/ivr/demo.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the built-in menu ivr/demo.yaml is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the built-in menu cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads the menu in {@code file}; {@link IllegalArgumentException} says what is wrong and where. */
    public static Ivr load(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + " is larger than " + MAX_BYTES + " bytes");
            }
            return parse(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a menu from YAML or JSON {@code text}; {@code source} names it in errors. */
    public static Ivr parse(String source, byte[] text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + " is not a menu in YAML or JSON: " + problemOf(e));
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " cannot be read: " + e.getMessage(), e);
        }
        return new Reader(source).ivr(root);
    }

    /**
     * What is wrong with the text, in one line with where: the parser's first line of its message (its later lines
     * quote the text back), the library's own words for its limits replaced by the reader's.
     */
    private static String problemOf(JacksonException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String first = message.lines().findFirst().orElse("").strip();
        if (first.contains("StreamReadConstraints")) {
            first = "it is nested too deeply or too large";
        }
        if (first.length() > 200) {
            first = first.substring(0, 200) + "…";
        }
        var at = e.getLocation();
        return at == null || at.getLineNr() < 1
                ? first
                : first + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** Every queue the menu names: those a caller can reach and those it configures under {@code queues}. */
    public Set<String> namedQueues() {
        Set<String> named = new LinkedHashSet<>(queues());
        named.addAll(waitingByQueue.keySet());
        named.addAll(recordingByQueue.keySet());
        return named;
    }

    /** Every prompt the menu plays, by name: each must exist in every language. */
    public Set<String> prompts() {
        Set<String> names = new LinkedHashSet<>();
        for (String name : new String[] {greeting, invalid, queued}) {
            if (name != null) {
                names.add(name);
            }
        }
        menus.values().stream().map(Menu::prompt).filter(p -> p != null).forEach(names::add);
        for (Recording each : recordings()) {
            if (each.announced() != null) {
                names.add(each.announced());
            }
        }
        return names;
    }

    private List<Recording> recordings() {
        List<Recording> all = new ArrayList<>(recordingByQueue.values());
        all.add(recording);
        return all;
    }

    /** Every queue a caller can reach. */
    public Set<String> queues() {
        Set<String> queues = new LinkedHashSet<>();
        List<Action> actions = new ArrayList<>(List.of(noChoice));
        menus.values().forEach(menu -> {
            actions.add(menu.noChoice());
            actions.addAll(menu.choices().values());
        });
        actions.forEach(action -> {
            if (action instanceof Action.ToQueue to) {
                queues.add(to.queue());
            }
        });
        return queues;
    }

    /** Walks the YAML tree, checking every field; errors name the field's path. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        Ivr ivr(@Nullable JsonNode tree) {
            JsonNode root = object(tree, "the menu file");
            known(
                    root,
                    "",
                    "language",
                    "languages",
                    "greeting",
                    "invalid",
                    "queued",
                    "start",
                    "no-choice",
                    "menus",
                    "waiting",
                    "recording",
                    "queues");
            Waiting waiting =
                    root.has("waiting") ? waiting(root.get("waiting"), "waiting", Waiting.DEFAULT) : Waiting.DEFAULT;
            Recording recording = root.has("recording")
                    ? recording(object(root.get("recording"), "recording"), "recording", Recording.DEFAULT)
                    : Recording.DEFAULT;
            Map<String, Waiting> queues = new LinkedHashMap<>();
            Map<String, Recording> recordingByQueue = new LinkedHashMap<>();
            if (root.has("queues")) {
                JsonNode queueNodes = object(root.get("queues"), "queues");
                for (Iterator<Map.Entry<String, JsonNode>> it = queueNodes.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String path = "queues." + entry.getKey();
                    if (!NAME.matcher(entry.getKey()).matches()) {
                        throw error(path, "a queue's name is 1 to 64 of a-z 0-9 - _");
                    }
                    JsonNode queue = object(entry.getValue(), path);
                    known(
                            queue,
                            path + ".",
                            "announce-every-seconds",
                            "offer-callback-over-seconds",
                            "record",
                            "consent");
                    queues.put(entry.getKey(), waiting(queue, path, waiting));
                    recordingByQueue.put(entry.getKey(), recording(queue, path, recording));
                }
            }
            List<String> languages = new ArrayList<>();
            JsonNode list = root.get("languages");
            if (list == null) {
                languages.add("ru");
            } else if (!list.isArray() || list.isEmpty() || list.size() > 10) {
                throw error("languages", "must be a list of 1 to 10 languages, e.g. [ru, en]");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    languages.add(match(list.get(i), "languages[" + i + "]", LANGUAGE, "a language code such as ru"));
                }
            }
            String language = root.has("language")
                    ? match(root.get("language"), "language", LANGUAGE, "a language code such as ru")
                    : languages.get(0);
            if (!languages.contains(language)) {
                throw error("language", "'" + language + "' is not one of languages " + languages);
            }
            Action noChoice = action(required(root, "no-choice", ""), "no-choice", languages);
            JsonNode menuNodes = required(root, "menus", "");
            object(menuNodes, "menus");
            if (menuNodes.isEmpty() || menuNodes.size() > 1_000) {
                throw error("menus", "must hold 1 to 1,000 menus");
            }
            Map<String, Menu> menus = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = menuNodes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = "menus." + entry.getKey();
                if (!NAME.matcher(entry.getKey()).matches()) {
                    throw error(path, "a menu's name is 1 to 64 of a-z 0-9 - _");
                }
                menus.put(entry.getKey(), menu(entry.getValue(), path, noChoice, languages));
            }
            String start = root.has("start")
                    ? name(root.get("start"), "start")
                    : menus.keySet().iterator().next();
            Ivr ivr = new Ivr(
                    language,
                    languages,
                    optionalName(root, "greeting"),
                    optionalName(root, "invalid"),
                    optionalName(root, "queued"),
                    start,
                    noChoice,
                    menus,
                    waiting,
                    queues,
                    recording,
                    recordingByQueue);
            checkMenusExist(ivr);
            return ivr;
        }

        private Menu menu(JsonNode node, String path, Action defaultNoChoice, List<String> languages) {
            object(node, path);
            known(node, path + ".", "prompt", "timeout-seconds", "attempts", "choices", "no-choice");
            Map<Character, Action> choices = new LinkedHashMap<>();
            JsonNode choiceNodes = node.get("choices");
            if (choiceNodes != null) {
                object(choiceNodes, path + ".choices");
                for (Iterator<Map.Entry<String, JsonNode>> it = choiceNodes.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String key = entry.getKey();
                    if (key.length() != 1 || KEYS.indexOf(key.charAt(0)) < 0) {
                        throw error(path + ".choices", "'" + key + "' is not a key: one of 0-9 * # (quote it in YAML)");
                    }
                    choices.put(key.charAt(0), action(entry.getValue(), path + ".choices." + key, languages));
                }
            }
            String prompt = optionalName(node, "prompt");
            if (prompt == null && !choices.isEmpty()) {
                throw error(path + ".prompt", "a menu with choices needs a prompt that tells them");
            }
            Action noChoice = node.has("no-choice")
                    ? action(node.get("no-choice"), path + ".no-choice", languages)
                    : defaultNoChoice;
            return new Menu(
                    prompt,
                    integer(node, "timeout-seconds", path, 5, 1, 60),
                    integer(node, "attempts", path, 3, 1, 10),
                    choices,
                    noChoice);
        }

        /** A {@code waiting} block; fields it does not give are {@code otherwise}'s. */
        /** The recording keys of {@code node} ({@code record}, {@code consent}), {@code otherwise} where absent. */
        private Recording recording(JsonNode node, String path, Recording otherwise) {
            if (path.equals("recording")) {
                known(node, path + ".", "record", "consent");
            }
            boolean on = otherwise.on();
            JsonNode record = node.get("record");
            if (record != null) {
                if (!record.isBoolean()) {
                    throw error(path + ".record", "must be true or false");
                }
                on = record.booleanValue();
            }
            String consent = otherwise.consent();
            JsonNode said = node.get("consent");
            if (said != null) {
                consent = said.isTextual() && said.asText().equals("none") ? null : name(said, path + ".consent");
            }
            return new Recording(on, consent);
        }

        private Waiting waiting(JsonNode node, String path, Waiting otherwise) {
            object(node, path);
            if (path.equals("waiting")) {
                known(node, path + ".", "announce-every-seconds", "offer-callback-over-seconds");
            }
            int every = integer(node, "announce-every-seconds", path, otherwise.announceEverySeconds(), 0, 3_600);
            Integer over = otherwise.offerCallbackOverSeconds();
            JsonNode offer = node.get("offer-callback-over-seconds");
            if (offer != null) {
                if (offer.isTextual() && offer.asText().equals("never")) {
                    over = null;
                } else {
                    over = integer(node, "offer-callback-over-seconds", path, 0, 0, 86_400);
                }
            }
            if (over != null && every == 0) {
                throw error(
                        path + ".announce-every-seconds",
                        "must be above 0 when a callback is offered: the offer is" + " made with the announcement");
            }
            return new Waiting(every, over);
        }

        private Action action(JsonNode node, String path, List<String> languages) {
            object(node, path);
            known(node, path + ".", "queue", "topic", "menu", "language");
            int kinds = (node.has("queue") ? 1 : 0) + (node.has("menu") ? 1 : 0) + (node.has("language") ? 1 : 0);
            if (kinds != 1) {
                throw error(path, "says exactly one of queue, menu or language");
            }
            if (node.has("queue")) {
                return new Action.ToQueue(name(node.get("queue"), path + ".queue"), optionalName(node, "topic"));
            }
            if (node.has("topic")) {
                throw error(path + ".topic", "goes only with a queue");
            }
            if (node.has("menu")) {
                return new Action.ToMenu(name(node.get("menu"), path + ".menu"));
            }
            String language = match(node.get("language"), path + ".language", LANGUAGE, "a language code");
            if (!languages.contains(language)) {
                throw error(path + ".language", "'" + language + "' is not one of languages " + languages);
            }
            return new Action.Language(language);
        }

        private void checkMenusExist(Ivr ivr) {
            if (!ivr.menus().containsKey(ivr.start())) {
                throw error("start", "no menu is named '" + ivr.start() + "'");
            }
            List<Map.Entry<String, Action>> actions = new ArrayList<>();
            actions.add(Map.entry("no-choice", ivr.noChoice()));
            ivr.menus().forEach((name, menu) -> {
                actions.add(Map.entry("menus." + name + ".no-choice", menu.noChoice()));
                menu.choices()
                        .forEach((key, action) -> actions.add(Map.entry("menus." + name + ".choices." + key, action)));
            });
            for (Map.Entry<String, Action> entry : actions) {
                if (entry.getValue() instanceof Action.ToMenu to && !ivr.menus().containsKey(to.menu())) {
                    throw error(entry.getKey() + ".menu", "no menu is named '" + to.menu() + "'");
                }
            }
            ivr.menus().forEach((name, menu) -> passesThrough(ivr, name));
        }

        /** A menu without a prompt passes callers on at once: the chain must end in a menu with one, or a queue. */
        private void passesThrough(Ivr ivr, String name) {
            Set<String> seen = new LinkedHashSet<>();
            String at = name;
            Menu menu = ivr.menus().get(at);
            while (menu != null && menu.prompt() == null) {
                if (!seen.add(at)) {
                    throw error("menus." + name, "passes callers round menus without a prompt: " + seen);
                }
                switch (menu.noChoice()) {
                    case Action.ToQueue to -> {
                        return;
                    }
                    case Action.ToMenu to -> at = to.menu();
                    case Action.Language to ->
                        throw error(
                                "menus." + at + ".no-choice", "cannot change the language of a menu without a prompt");
                }
                menu = ivr.menus().get(at);
            }
        }

        private @Nullable String optionalName(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : name(value, field);
        }

        private String name(JsonNode node, String path) {
            return match(node, path, NAME, "a name of 1 to 64 of a-z 0-9 - _");
        }

        private String match(@Nullable JsonNode node, String path, Pattern pattern, String what) {
            if (node == null
                    || !node.isTextual()
                    || !pattern.matcher(node.asText()).matches()) {
                throw error(path, "must be " + what);
            }
            return node.asText();
        }

        private int integer(JsonNode node, String field, String path, int otherwise, int min, int max) {
            JsonNode value = node.get(field);
            if (value == null) {
                return otherwise;
            }
            if (!value.isInt() || value.asInt() < min || value.asInt() > max) {
                throw error(path + "." + field, "must be a whole number from " + min + " to " + max);
            }
            return value.asInt();
        }

        private JsonNode required(JsonNode node, String field, String prefix) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw error(prefix + field, "is missing");
            }
            return value;
        }

        private JsonNode object(@Nullable JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                throw error(path, "must be a mapping of names to values");
            }
            return node;
        }

        private void known(JsonNode node, String prefix, String... fields) {
            Set<String> allowed = Set.of(fields);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!allowed.contains(field)) {
                    throw error(prefix + field, "is not a field here; known: " + String.join(", ", fields));
                }
            }
        }

        private IllegalArgumentException error(String path, String problem) {
            String shown = path.length() > 200 ? path.substring(0, 200) + "…" : path;
            return new IllegalArgumentException(source + ": " + shown + " " + problem);
        }
    }
}
