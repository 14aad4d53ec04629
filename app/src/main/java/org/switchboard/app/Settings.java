package org.switchboard.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;

/**
 * The server's configuration: one properties file, overridden by environment variables, overridden by command-line
 * flags. Every key, its variable and its default are listed in docs/configuration.md; keep the two in step.
 */
public record Settings(
        String httpHost,
        int httpPort,
        int maxBodyBytes,
        int httpHeaderTimeoutMs,
        int httpIdleTimeoutMs,
        int httpAcceptQueue,
        boolean metricsRequireToken,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        boolean dbEmbeddedFsync,
        boolean demo,
        int inboxCapacity,
        boolean simulate,
        double simulateArrivalsPerHour,
        double simulateAhtSeconds,
        double simulatePatienceSeconds,
        ZoneId timeZone) {

    /**
     * Reads the settings; highest precedence first: {@code flags} (keyed like the file), environment variables,
     * the file (may be null), the defaults.
     */
    static Settings load(Path configFile, Map<String, String> env, Map<String, String> flags) {
        Properties file = new Properties();
        if (configFile != null) {
            try (Reader reader = Files.newBufferedReader(configFile)) {
                file.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read configuration file " + configFile + ": " + e);
            }
        }
        Source s = new Source(file, env, flags);
        Path dataDir = Path.of(s.get("data.dir", "SWITCHBOARD_DATA", "./data"));
        return new Settings(
                s.get("http.host", "SWITCHBOARD_HTTP_HOST", "127.0.0.1"),
                s.getInt("http.port", "SWITCHBOARD_PORT", 8080),
                s.getInt("http.max-body-bytes", "SWITCHBOARD_MAX_BODY_BYTES", 65_536),
                s.getInt("http.header-timeout-ms", "SWITCHBOARD_HTTP_HEADER_TIMEOUT_MS", 10_000),
                s.getInt("http.idle-timeout-ms", "SWITCHBOARD_HTTP_IDLE_TIMEOUT_MS", 30_000),
                s.getInt("http.accept-queue", "SWITCHBOARD_HTTP_ACCEPT_QUEUE", 1024),
                Boolean.parseBoolean(s.get("metrics.require-token", "SWITCHBOARD_METRICS_REQUIRE_TOKEN", "false")),
                dataDir,
                s.get("db.url", "SWITCHBOARD_DB_URL", null),
                s.get("db.user", "SWITCHBOARD_DB_USER", null),
                s.get("db.password", "SWITCHBOARD_DB_PASSWORD", null),
                Boolean.parseBoolean(s.get("db.embedded-fsync", "SWITCHBOARD_DB_EMBEDDED_FSYNC", "false")),
                Boolean.parseBoolean(s.get("demo", "SWITCHBOARD_DEMO", "true")),
                s.getInt("routing.inbox-capacity", "SWITCHBOARD_INBOX_CAPACITY", 65_536),
                Boolean.parseBoolean(s.get("simulate.enabled", "SWITCHBOARD_SIMULATE", "false")),
                s.getDouble("simulate.arrivals-per-hour", "SWITCHBOARD_SIMULATE_ARRIVALS_PER_HOUR", 120),
                s.getDouble("simulate.aht-seconds", "SWITCHBOARD_SIMULATE_AHT_SECONDS", 90),
                s.getDouble("simulate.patience-seconds", "SWITCHBOARD_SIMULATE_PATIENCE_SECONDS", 180),
                s.getZone("center.time-zone", "SWITCHBOARD_TIME_ZONE", defaultZone(s)));
    }

    /** Without a setting: the demo's zone when the demo is on (its operator is in Yekaterinburg), else the system's. */
    private static ZoneId defaultZone(Source s) {
        return Boolean.parseBoolean(s.get("demo", "SWITCHBOARD_DEMO", "true")) ? Demo.TIME_ZONE
                : ZoneId.systemDefault();
    }

    /** Parses a time zone id; an unknown one is an error naming {@code what} (the setting or option). */
    static ZoneId zoneOf(String what, String value) {
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(what + " must be an IANA time zone id such as Asia/Yekaterinburg, was '"
                    + value + "'");
        }
    }

    /** Whether the configured database is the embedded one (no URL, or an H2 URL). */
    boolean embeddedDatabase() {
        return dbUrl == null || dbUrl.isBlank() || dbUrl.startsWith("jdbc:h2:");
    }

    private record Source(Properties file, Map<String, String> env, Map<String, String> flags) {

        String get(String key, String envName, String fallback) {
            if (flags.containsKey(key)) {
                return flags.get(key);
            }
            String fromEnv = env.get(envName);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv.trim();
            }
            String fromFile = file.getProperty(key);
            return fromFile != null && !fromFile.isBlank() ? fromFile.trim() : fallback;
        }

        int getInt(String key, String envName, int fallback) {
            String value = get(key, envName, Integer.toString(fallback));
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " (" + envName + ") must be a whole number, was '" + value
                        + "'");
            }
        }

        ZoneId getZone(String key, String envName, ZoneId fallback) {
            String value = get(key, envName, null);
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
    }
}
