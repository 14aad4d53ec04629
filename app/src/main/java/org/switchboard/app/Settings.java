package org.switchboard.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.net.AddressBlocks;
import org.switchboard.messaging.SmsSettings;
import org.switchboard.messaging.mail.MailSettings;
import org.switchboard.storage.DatabaseConfig;
import org.switchboard.voice.DialOut;
import org.switchboard.web.WebOptions;

/**
 * The server's configuration: one properties file, overridden by environment variables, overridden by command-line
 * flags. Every key, its variable and its default are listed in docs/configuration.md; keep the two in step.
 *
 * <p>A typo is an error, not a silent default: a key of the file that {@link #load} never reads is refused (the known
 * keys are those read below, so a new key is known as soon as it is read), and a boolean is {@code true} or
 * {@code false}, nothing else.
 */
public record Settings(
        String httpHost,
        int httpPort,
        int maxBodyBytes,
        int httpHeaderTimeoutMs,
        int httpIdleTimeoutMs,
        int httpAcceptQueue,
        boolean metricsRequireToken,
        int readsMaxJournalLagMs,
        int sessionHours,
        AddressBlocks trustedProxies,
        int passwordChecksPerClient,
        Path dataDir,
        @Nullable String dbUrl,
        @Nullable String dbUser,
        @Nullable String dbPassword,
        boolean dbEmbeddedFsync,
        int dbStatementTimeoutSeconds,
        Retention retention,
        boolean demo,
        int inboxCapacity,
        boolean simulate,
        double simulateArrivalsPerHour,
        double simulateAhtSeconds,
        double simulatePatienceSeconds,
        ZoneId timeZone,
        Voice voice,
        @Nullable SmsSettings sms,
        Ussd ussd,
        @Nullable MailSettings mail) {

    private static final Pattern ASCII_WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

    /** A request's database statement may take at most this long: a minute outlasts any client's patience. */
    static final int MAX_STATEMENT_TIMEOUT_SECONDS = 60;

    /**
     * Reads the settings; highest precedence first: {@code flags} (keyed like the file), environment variables,
     * the file (may be null), the defaults.
     */
    static Settings load(@Nullable Path configFile, Map<String, String> env, Map<String, String> flags) {
        Properties file = new Properties();
        if (configFile != null) {
            try (Reader reader = Files.newBufferedReader(configFile)) {
                file.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read configuration file " + configFile + ": " + e);
            }
        }
        Source s = new Source(file, env, flags, new HashSet<>());
        Settings settings = read(s);
        s.refuseUnknownKeys(configFile);
        return settings;
    }

    /** Every key the file may hold: the keys {@link #read} asks for. */
    static Set<String> knownKeys() {
        Source s = new Source(new Properties(), Map.of(), Map.of(), new TreeSet<>());
        read(s);
        return s.known();
    }

    /** The one place where keys are read; a key read here is known to {@link #knownKeys} by that alone. */
    private static Settings read(Source s) {
        Path dataDir = Path.of(s.get("data.dir", "SWITCHBOARD_DATA", "./data"));
        return new Settings(
                s.get("http.host", "SWITCHBOARD_HTTP_HOST", "127.0.0.1"),
                s.getIntBetween("http.port", "SWITCHBOARD_PORT", 8080, 0, 65_535),
                s.getPositiveInt("http.max-body-bytes", "SWITCHBOARD_MAX_BODY_BYTES", 65_536),
                s.getPositiveInt("http.header-timeout-ms", "SWITCHBOARD_HTTP_HEADER_TIMEOUT_MS", 10_000),
                s.getPositiveInt("http.idle-timeout-ms", "SWITCHBOARD_HTTP_IDLE_TIMEOUT_MS", 30_000),
                s.getPositiveInt("http.accept-queue", "SWITCHBOARD_HTTP_ACCEPT_QUEUE", 1024),
                s.getBoolean("metrics.require-token", "SWITCHBOARD_METRICS_REQUIRE_TOKEN", false),
                s.getIntBetween(
                        "http.reads-max-journal-lag-ms",
                        "SWITCHBOARD_HTTP_READS_MAX_JOURNAL_LAG_MS",
                        WebOptions.DEFAULTS.readsMaxJournalLagMs(),
                        0,
                        60_000),
                s.getIntBetween("http.session-hours", "SWITCHBOARD_HTTP_SESSION_HOURS", 12, 1, 168),
                trustedProxies(s.get("http.trusted-proxies", "SWITCHBOARD_HTTP_TRUSTED_PROXIES", "")),
                s.getIntBetween(
                        "http.password-checks-per-client", "SWITCHBOARD_HTTP_PASSWORD_CHECKS_PER_CLIENT", 1, 1, 1_000),
                dataDir,
                s.getOrNull("db.url", "SWITCHBOARD_DB_URL"),
                s.getOrNull("db.user", "SWITCHBOARD_DB_USER"),
                s.getOrNull("db.password", "SWITCHBOARD_DB_PASSWORD"),
                s.getBoolean("db.embedded-fsync", "SWITCHBOARD_DB_EMBEDDED_FSYNC", false),
                s.getIntBetween(
                        "db.statement-timeout-seconds",
                        "SWITCHBOARD_DB_STATEMENT_TIMEOUT_SECONDS",
                        DatabaseConfig.DEFAULT_STATEMENT_TIMEOUT_SECONDS,
                        1,
                        MAX_STATEMENT_TIMEOUT_SECONDS),
                Retention.read(s, dataDir),
                s.getBoolean("demo", "SWITCHBOARD_DEMO", true),
                s.getPositiveInt("routing.inbox-capacity", "SWITCHBOARD_INBOX_CAPACITY", 65_536),
                s.getBoolean("simulate.enabled", "SWITCHBOARD_SIMULATE", false),
                s.getDouble("simulate.arrivals-per-hour", "SWITCHBOARD_SIMULATE_ARRIVALS_PER_HOUR", 600),
                s.getDouble("simulate.aht-seconds", "SWITCHBOARD_SIMULATE_AHT_SECONDS", 40),
                s.getDouble("simulate.patience-seconds", "SWITCHBOARD_SIMULATE_PATIENCE_SECONDS", 45),
                s.getZone("center.time-zone", "SWITCHBOARD_TIME_ZONE", defaultZone(s)),
                Voice.read(s, dataDir),
                sms(s),
                Ussd.read(s),
                MailConfig.read(s));
    }

    /**
     * The USSD menu ({@code ussd.*}): the service code it answers and how long a session waits for the subscriber.
     *
     * @param serviceCode     what subscribers dial, {@code *111#}
     * @param sessionTimeout  a session without an answer for this long ends (timed out)
     * @param pricingQueue    the queue whose handle time prices a contained self-service session (deflection report)
     * @param portalTopics    the portal's topics for questions and callbacks, in order, each to its queue
     */
    record Ussd(String serviceCode, Duration sessionTimeout, String pricingQueue, Map<String, String> portalTopics) {

        static final String PORTAL_TOPICS =
                "balance-and-tariffs:info,mobile-internet:tech,phone-settings:tech,other:info";

        static Ussd read(Source s) {
            String code = s.get("ussd.service-code", "SWITCHBOARD_USSD_SERVICE_CODE", "*111#");
            if (!code.matches("\\*[0-9]{1,6}(\\*[0-9]{1,6})*#")) {
                throw new IllegalArgumentException(
                        "ussd.service-code (SWITCHBOARD_USSD_SERVICE_CODE) must be a USSD code such as *111#, was '"
                                + code + "'");
            }
            return new Ussd(
                    code,
                    Duration.ofSeconds(s.getIntBetween(
                            "ussd.session-timeout-seconds", "SWITCHBOARD_USSD_SESSION_TIMEOUT_SECONDS", 90, 10, 600)),
                    s.get("selfservice.queue", "SWITCHBOARD_SELFSERVICE_QUEUE", "info"),
                    topicQueues(s.get("portal.topics", "SWITCHBOARD_PORTAL_TOPICS", PORTAL_TOPICS)));
        }

        /** {@code topic:queue,topic:queue}: names of 1 to 64 of {@code a-z 0-9 - _}, at least one pair. */
        private static Map<String, String> topicQueues(String list) {
            Map<String, String> topics = new java.util.LinkedHashMap<>();
            for (String pair : list.strip().split("\\s*,\\s*")) {
                String[] parts = pair.split("\\s*:\\s*", -1);
                if (parts.length != 2
                        || !parts[0].matches("[a-z0-9_-]{1,64}")
                        || !parts[1].matches("[A-Za-z0-9_.-]{1,64}")
                        || topics.put(parts[0], parts[1]) != null) {
                    throw new IllegalArgumentException("portal.topics (SWITCHBOARD_PORTAL_TOPICS) must be topic:queue"
                            + " pairs separated by commas, each topic once (topics of a-z 0-9 - _), was '" + list
                            + "'");
                }
            }
            return topics;
        }
    }

    /**
     * The voice channel: SIP calls to the service numbers.
     *
     * @param sipHost    the address SIP listens on
     * @param sipPort    the SIP port (UDP and TCP); 0 picks a free one
     * @param trunks     addresses and CIDR blocks allowed to send INVITEs, comma-separated
     * @param numbers    the service numbers subscribers dial, comma-separated
     * @param ivrFile    the voice menu (YAML or JSON), or null for the built-in demo menu of 111
     * @param rtpPortMin the lowest port media is received on
     * @param rtpPortMax the highest
     * @param promptsDir recordings replacing the built-in prompts (same relative paths), or null
     * @param realm      the digest realm agents' phones register in; their stored credentials are bound to it
     * @param dialOut    where callbacks are dialled (the operator's switch), or null: agents place them
     * @param recordingsDir where recorded conversations are written (WAV files named by recording id)
     * @param rtpRealtimePriority SCHED_FIFO priority for the thread that paces RTP, or 0 for none
     */
    record Voice(
            String sipHost,
            int sipPort,
            AddressBlocks trunks,
            Set<String> numbers,
            @Nullable Path ivrFile,
            int rtpPortMin,
            int rtpPortMax,
            @Nullable Path promptsDir,
            String realm,
            @Nullable DialOut dialOut,
            Path recordingsDir,
            int rtpRealtimePriority) {

        static Voice read(Source s, Path dataDir) {
            String prompts = s.getOrNull("voice.prompts-dir", "SWITCHBOARD_VOICE_PROMPTS_DIR");
            String ivr = s.getOrNull("voice.ivr-file", "SWITCHBOARD_VOICE_IVR_FILE");
            return new Voice(
                    s.get("sip.host", "SWITCHBOARD_SIP_HOST", "127.0.0.1"),
                    s.getIntBetween("sip.port", "SWITCHBOARD_SIP_PORT", 5060, 0, 65_535),
                    addressBlocks("sip.trunks", s.get("sip.trunks", "SWITCHBOARD_SIP_TRUNKS", "127.0.0.1/32,::1/128")),
                    Set.copyOf(List.of(s.get("voice.numbers", "SWITCHBOARD_VOICE_NUMBERS", "111,2690000")
                            .strip()
                            .split("\\s*,\\s*"))),
                    ivr == null || ivr.isBlank() ? null : Path.of(ivr),
                    s.getIntBetween("rtp.port-min", "SWITCHBOARD_RTP_PORT_MIN", 20_000, 1024, 65_534),
                    s.getIntBetween("rtp.port-max", "SWITCHBOARD_RTP_PORT_MAX", 29_998, 1024, 65_534),
                    prompts == null || prompts.isBlank() ? null : Path.of(prompts),
                    realm(s.get("sip.realm", "SWITCHBOARD_SIP_REALM", "switchboard")),
                    dialOut(
                            s.getOrNull("voice.dial-out-via", "SWITCHBOARD_VOICE_DIAL_OUT_VIA"),
                            s.get("voice.dial-out-prefixes", "SWITCHBOARD_VOICE_DIAL_OUT_PREFIXES", "+79")),
                    Path.of(s.get(
                            "voice.recordings-dir",
                            "SWITCHBOARD_VOICE_RECORDINGS_DIR",
                            dataDir.resolve("recordings").toString())),
                    s.getIntBetween("rtp.realtime-priority", "SWITCHBOARD_RTP_REALTIME_PRIORITY", 0, 0, 99));
        }

        private static @Nullable DialOut dialOut(@Nullable String uri, String prefixes) {
            if (uri == null || uri.isBlank()) {
                return null;
            }
            try {
                DialOut.parse(uri, "0");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("voice.dial-out-via: " + e.getMessage(), e);
            }
            try {
                return DialOut.parse(uri, prefixes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("voice.dial-out-prefixes: " + e.getMessage(), e);
            }
        }

        private static String realm(String realm) {
            String value = realm.strip();
            if (!value.matches("[A-Za-z0-9.\\-]{1,100}")) {
                throw new IllegalArgumentException(
                        "sip.realm: '" + realm + "' is not a realm (1-100 letters, digits, dots, hyphens)");
            }
            return value;
        }
    }

    /** The reverse proxies to trust; never a /0, with which every client could name itself. */
    private static AddressBlocks trustedProxies(String list) {
        AddressBlocks proxies = addressBlocks("http.trusted-proxies", list);
        if (proxies.allowsEveryone()) {
            throw new IllegalArgumentException(
                    "http.trusted-proxies: a /0 block would trust every client to name its own"
                            + " address; list the proxies' addresses or networks");
        }
        return proxies;
    }

    /** The addresses and CIDR blocks the setting {@code key} lists; an error naming the key and the entry if not. */
    private static AddressBlocks addressBlocks(String key, String list) {
        try {
            return AddressBlocks.parse(list);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /**
     * The SMS channel's settings, or null when {@code smpp.host} is not set (the channel does not start). The password
     * comes from {@code SWITCHBOARD_SMPP_PASSWORD} only, never from the file.
     */
    private static @Nullable SmsSettings sms(Source s) {
        String host = s.getOrNull("smpp.host", "SWITCHBOARD_SMPP_HOST");
        int port = s.getIntBetween("smpp.port", "SWITCHBOARD_SMPP_PORT", 2775, 1, 65_535);
        String systemId = s.get("smpp.system-id", "SWITCHBOARD_SMPP_SYSTEM_ID", "switchboard");
        String shortNumber = s.get("sms.short-number", "SWITCHBOARD_SMS_SHORT_NUMBER", "111");
        String queue = s.get("sms.queue", "SWITCHBOARD_SMS_QUEUE", "info");
        String keywords = s.get("sms.keyword-queues", "SWITCHBOARD_SMS_KEYWORD_QUEUES", "");
        int window = s.getIntBetween("smpp.window", "SWITCHBOARD_SMPP_WINDOW", 10, 1, 1_000);
        int rate = s.getPositiveInt("smpp.max-submit-per-second", "SWITCHBOARD_SMPP_MAX_SUBMIT_PER_SECOND", 100);
        int enquireSeconds =
                s.getIntBetween("smpp.enquire-link-seconds", "SWITCHBOARD_SMPP_ENQUIRE_LINK_SECONDS", 30, 1, 3_600);
        int validityHours =
                s.getIntBetween("sms.answer-validity-hours", "SWITCHBOARD_SMS_ANSWER_VALIDITY_HOURS", 24, 1, 168);
        String countryCode = s.get("sms.country-code", "SWITCHBOARD_SMS_COUNTRY_CODE", "7");
        int nationalLength =
                s.getIntBetween("sms.national-number-length", "SWITCHBOARD_SMS_NATIONAL_NUMBER_LENGTH", 10, 4, 14);
        String trunkPrefix = s.get("sms.trunk-prefix", "SWITCHBOARD_SMS_TRUNK_PREFIX", "8");
        if (host == null || host.isBlank()) {
            return null;
        }
        String password = s.env().getOrDefault("SWITCHBOARD_SMPP_PASSWORD", "");
        try {
            return new SmsSettings(
                    host,
                    port,
                    systemId,
                    password,
                    shortNumber,
                    queue,
                    keywordQueues(keywords),
                    window,
                    rate,
                    java.time.Duration.ofSeconds(enquireSeconds),
                    java.time.Duration.ofHours(validityHours),
                    new org.switchboard.messaging.NumberPlan(countryCode, nationalLength, trunkPrefix));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SMS: " + e.getMessage(), e);
        }
    }

    /** {@code WORD:queue,WORD:queue}: the first word of a message to the queue it goes to. */
    private static Map<String, String> keywordQueues(String list) {
        Map<String, String> byWord = new java.util.LinkedHashMap<>();
        for (String pair : list.strip().split("\\s*,\\s*")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("\\s*:\\s*", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank() || parts[0].contains(" ")) {
                throw new IllegalArgumentException(
                        "sms.keyword-queues must be WORD:queue pairs separated by commas, was '" + list + "'");
            }
            byWord.put(parts[0], parts[1]);
        }
        return byWord;
    }

    /**
     * How long the center keeps what: snapshots, the journal behind them, contact histories and the audit.
     *
     * @param snapshotEveryEntries a snapshot once this many journal entries came after the last one
     * @param snapshotsKept        snapshots kept; the journal before the oldest is retired
     * @param journalRetention     what retiring does: {@code archive} (to {@code archiveDir}), {@code prune}, {@code keep}
     * @param archiveDir           where retired journal entries are archived
     * @param historyDays          contact timelines older than this are deleted
     * @param auditDays            audit records older than this are deleted
     * @param statisticsDays       stored interval and daily statistics older than this are deleted
     * @param recordingsDays       recorded conversations older than this are deleted, audio and all
     * @param usageDays            itemized records (calls, SMS, data sessions) older than this are deleted
     */
    record Retention(
            int snapshotEveryEntries,
            int snapshotsKept,
            String journalRetention,
            Path archiveDir,
            int historyDays,
            int auditDays,
            int statisticsDays,
            int recordingsDays,
            int usageDays,
            int attachmentDays) {

        static Retention read(Source s, Path dataDir) {
            return new Retention(
                    s.getPositiveInt("snapshot.every-entries", "SWITCHBOARD_SNAPSHOT_EVERY_ENTRIES", 25_000),
                    s.getPositiveInt("snapshot.keep", "SWITCHBOARD_SNAPSHOT_KEEP", 2),
                    s.getChoice(
                            "journal.retention",
                            "SWITCHBOARD_JOURNAL_RETENTION",
                            "archive",
                            Set.of("archive", "prune", "keep")),
                    Path.of(s.get(
                            "journal.archive-dir",
                            "SWITCHBOARD_JOURNAL_ARCHIVE_DIR",
                            dataDir.resolve("journal-archive").toString())),
                    s.getPositiveInt("history.retention-days", "SWITCHBOARD_HISTORY_RETENTION_DAYS", 400),
                    s.getPositiveInt("audit.retention-days", "SWITCHBOARD_AUDIT_RETENTION_DAYS", 1_830),
                    s.getPositiveInt("statistics.retention-days", "SWITCHBOARD_STATISTICS_RETENTION_DAYS", 800),
                    s.getPositiveInt("recordings.retention-days", "SWITCHBOARD_RECORDINGS_RETENTION_DAYS", 90),
                    s.getPositiveInt("usage.retention-days", "SWITCHBOARD_USAGE_RETENTION_DAYS", 180),
                    s.getPositiveInt(
                            "mail.attachment-retention-days", "SWITCHBOARD_MAIL_ATTACHMENT_RETENTION_DAYS", 90));
        }
    }

    /** Without a setting: the demo's zone when the demo is on (its operator is in Yekaterinburg), else the system's. */
    private static ZoneId defaultZone(Source s) {
        return s.getBoolean("demo", "SWITCHBOARD_DEMO", true) ? Demo.TIME_ZONE : ZoneId.systemDefault();
    }

    /** Parses a time zone id; an unknown one is an error naming {@code what} (the setting or option). */
    static ZoneId zoneOf(String what, String value) {
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    what + " must be an IANA time zone id such as Asia/Yekaterinburg, was '" + value + "'");
        }
    }

    /** Whether the configured database is the embedded one (no URL, or an H2 URL). */
    boolean embeddedDatabase() {
        return dbUrl == null || dbUrl.isBlank() || dbUrl.startsWith("jdbc:h2:");
    }

    /** Where values come from, in precedence order; remembers every key asked for ({@code known}). */
    record Source(Properties file, Map<String, String> env, Map<String, String> flags, Set<String> known) {

        /**
         * The names {@code N} of the file's keys {@code prefix + N + suffix} ({@code mail.billing.address} gives
         * {@code billing} for {@code mail.} and {@code .address}), in order.
         */
        Set<String> namesBetween(String prefix, String suffix) {
            Set<String> names = new TreeSet<>();
            for (String key : file.stringPropertyNames()) {
                if (key.startsWith(prefix)
                        && key.endsWith(suffix)
                        && key.length() > prefix.length() + suffix.length()) {
                    names.add(key.substring(prefix.length(), key.length() - suffix.length()));
                }
            }
            return names;
        }

        String get(String key, String envName, String fallback) {
            String value = getOrNull(key, envName);
            return value != null ? value : fallback;
        }

        /** The value of {@code key}, or null when neither a flag, the environment nor the file sets it. */
        @Nullable
        String getOrNull(String key, String envName) {
            known.add(key);
            if (flags.containsKey(key)) {
                return flags.get(key);
            }
            String fromEnv = env.get(envName);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv.trim();
            }
            String fromFile = file.getProperty(key);
            return fromFile != null && !fromFile.isBlank() ? fromFile.trim() : null;
        }

        int getInt(String key, String envName, int fallback) {
            String value = get(key, envName, Integer.toString(fallback));
            try {
                if (!ASCII_WHOLE_NUMBER.matcher(value).matches()) { // parseInt also reads other scripts' digits
                    throw new NumberFormatException(value);
                }
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        key + " (" + envName + ") must be a whole number, was '" + value + "'");
            }
        }

        int getPositiveInt(String key, String envName, int fallback) {
            int value = getInt(key, envName, fallback);
            if (value < 1) {
                throw new IllegalArgumentException(key + " (" + envName + ") must be at least 1, was " + value);
            }
            return value;
        }

        int getIntBetween(String key, String envName, int fallback, int min, int max) {
            int value = getInt(key, envName, fallback);
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        key + " (" + envName + ") must be from " + min + " to " + max + ", was " + value);
            }
            return value;
        }

        String getChoice(String key, String envName, String fallback, Set<String> choices) {
            String value = get(key, envName, fallback).toLowerCase(Locale.ROOT);
            if (!choices.contains(value)) {
                throw new IllegalArgumentException(
                        key + " (" + envName + ") must be one of " + new TreeSet<>(choices) + ", was '" + value + "'");
            }
            return value;
        }

        ZoneId getZone(String key, String envName, ZoneId fallback) {
            String value = getOrNull(key, envName);
            return value == null ? fallback : zoneOf(key + " (" + envName + ")", value);
        }

        double getDouble(String key, String envName, double fallback) {
            String value = get(key, envName, Double.toString(fallback));
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " (" + envName + ") must be a number, was '" + value + "'");
            }
        }

        boolean getBoolean(String key, String envName, boolean fallback) {
            String value = get(key, envName, Boolean.toString(fallback));
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default ->
                    throw new IllegalArgumentException(
                            key + " (" + envName + ") must be true or false, was '" + value + "'");
            };
        }

        /** Fails on the first key of the file that no setting read, suggesting the closest known key. */
        void refuseUnknownKeys(@Nullable Path configFile) {
            file.stringPropertyNames().stream()
                    .sorted()
                    .filter(key -> !known.contains(key))
                    .findFirst()
                    .ifPresent(key -> {
                        throw new IllegalArgumentException("unknown key '" + key + "' in " + configFile
                                + closestKnown(key)
                                        .map(k -> " (the closest known key is '" + k + "')")
                                        .orElse("")
                                + "; every key is listed in docs/configuration.md");
                    });
        }

        private Optional<String> closestKnown(String key) {
            LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
            return known.stream()
                    .min(Comparator.comparingInt((String k) -> distance.apply(key, k))
                            .thenComparing(Comparator.naturalOrder()));
        }
    }
}
