package org.switchboard.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options that say which center a command means: its configuration file and its data directory. */
final class ConfigOptions {

    @Option(names = "--data", description = "Data directory (default ./data; env SWITCHBOARD_DATA).")
    @Nullable
    Path data;

    @Option(
            names = "--config",
            description =
                    "Configuration file (default ./switchboard.properties if present; " + "env SWITCHBOARD_CONFIG).")
    @Nullable
    Path config;

    /** The settings from the configuration file, the environment and {@code flags} (keyed like the file). */
    Settings settings(Map<String, String> flags) {
        if (data != null) {
            flags.put("data.dir", data.toString());
        }
        return Settings.load(configFile(), System.getenv(), flags);
    }

    private @Nullable Path configFile() {
        if (config != null) {
            return config;
        }
        String fromEnv = System.getenv("SWITCHBOARD_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Path local = Path.of("switchboard.properties");
        return Files.exists(local) ? local : null;
    }
}
