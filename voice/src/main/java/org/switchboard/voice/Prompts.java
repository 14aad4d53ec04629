package org.switchboard.voice;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The recordings the voice channel plays: the greeting in Russian and English, and music on hold. Built-in WAVs
 * ship with the product ({@code prompts/} in the module's resources, synthesised with espeak-ng and sox); a file
 * of the same relative path in {@code voice.prompts-dir} replaces one ({@code ru/greeting.wav},
 * {@code en/greeting.wav}, {@code music/hold.wav}). All are read and encoded once, at start.
 */
final class Prompts {

    static final String DEFAULT_LANGUAGE = "ru";

    private final Prompt greetingRu;
    private final Prompt greetingEn;
    private final Prompt hold;

    private Prompts(Prompt greetingRu, Prompt greetingEn, Prompt hold) {
        this.greetingRu = greetingRu;
        this.greetingEn = greetingEn;
        this.hold = hold;
    }

    /** Loads the prompts, those in {@code directory} (may be null) first; throws naming a file that cannot be used. */
    static Prompts load(@Nullable Path directory) throws IOException {
        return new Prompts(
                read(directory, "ru/greeting.wav"),
                read(directory, "en/greeting.wav"),
                read(directory, "music/hold.wav"));
    }

    /** The greeting in {@code language} ("ru" or "en"; anything else: Russian). */
    Prompt greeting(String language) {
        return "en".equals(language) ? greetingEn : greetingRu;
    }

    Prompt hold() {
        return hold;
    }

    private static Prompt read(@Nullable Path directory, String relative) throws IOException {
        if (directory != null) {
            Path file = directory.resolve(relative);
            if (Files.isRegularFile(file)) {
                return Prompt.read(file.toString(), Files.newInputStream(file));
            }
        }
        InputStream builtIn = Prompts.class.getResourceAsStream("/prompts/" + relative);
        if (builtIn == null) {
            throw new IOException("the built-in prompt " + relative + " is missing from the build");
        }
        return Prompt.read("the built-in " + relative, builtIn);
    }
}
