package org.switchboard.voice;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The recordings the voice channel plays: every prompt the {@link Ivr} names, in each of its languages
 * ({@code <language>/<name>.wav}), the parts of the announcements to waiting callers ({@link Announcement}), and music
 * on hold ({@code music/hold.wav}). Built-in WAVs ship with the product
 * ({@code prompts/} in the module's resources, synthesised by {@code voice/tools/synthesise-prompts.sh} with
 * espeak-ng and sox); a file of the same relative path in {@code voice.prompts-dir} replaces one, and a menu's own
 * prompts live there. All are read and encoded once, at start: a prompt missing in one language stops the start
 * naming the file.
 */
final class Prompts {

    private final Map<String, Prompt> byPath;
    private final Prompt hold;

    private Prompts(Map<String, Prompt> byPath, Prompt hold) {
        this.byPath = Map.copyOf(byPath);
        this.hold = hold;
    }

    /** Loads the prompts {@code ivr} plays, those in {@code directory} (may be null) first. */
    static Prompts load(@Nullable Path directory, Ivr ivr) throws IOException {
        Map<String, Prompt> prompts = new HashMap<>();
        List<String> names = new ArrayList<>(ivr.prompts());
        names.addAll(Announcement.PROMPTS);
        for (String language : ivr.languages()) {
            for (String name : names) {
                String path = language + "/" + name + ".wav";
                prompts.put(path, read(directory, path));
            }
        }
        return new Prompts(prompts, read(directory, "music/hold.wav"));
    }

    /** These prompts, and those of {@code older} these do not have (what calls in an older menu still play). */
    Prompts plus(Prompts older) {
        Map<String, Prompt> all = new HashMap<>(older.byPath);
        all.putAll(byPath);
        return new Prompts(all, hold);
    }

    /** The prompt {@code name} in {@code language}, both of which the menu this was loaded for names. */
    Prompt get(String name, String language) {
        Prompt prompt = byPath.get(language + "/" + name + ".wav");
        if (prompt == null) {
            throw new IllegalArgumentException("no prompt " + language + "/" + name + " was loaded");
        }
        return prompt;
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
            throw new IOException((directory == null ? "" : directory.resolve(relative) + " is missing, and ")
                    + "no built-in prompt " + relative + " exists");
        }
        return Prompt.read("the built-in " + relative, builtIn);
    }
}
