package org.switchboard.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.StoreUnavailableException;
import org.switchboard.core.port.VoiceMenus;
import org.switchboard.storage.VoiceMenuStore;
import org.switchboard.voice.Ivr;
import org.switchboard.voice.SipGateway;

/**
 * The voice menu administrators edit in the console: the one the center started with (the console's last change, or
 * else {@code voice.ivr-file}, or else the built-in menu) and its changes, each checked by the voice channel as a menu
 * every caller can walk, stored with its audit record and then handed to the channel. Changes are serialized, so the
 * channel walks them in the order of their versions.
 */
final class ConsoleVoiceMenus implements VoiceMenus {

    private static final String CONSOLE = "console";
    private static final String BUILT_IN = "built-in";

    private final VoiceMenuStore store;
    private volatile Menu current;
    private volatile @Nullable SipGateway voice;

    private ConsoleVoiceMenus(VoiceMenuStore store, Menu current) {
        this.store = store;
        this.current = current;
    }

    /** The menu to start with: the console's, if it ever changed it, else {@code ivrFile}'s, else the built-in one. */
    static ConsoleVoiceMenus load(VoiceMenuStore store, @Nullable Path ivrFile) {
        Optional<VoiceMenuStore.Stored> stored = store.load();
        if (stored.isPresent()) {
            VoiceMenuStore.Stored s = stored.get();
            return new ConsoleVoiceMenus(
                    store, new Menu(s.text(), s.version(), CONSOLE, s.changedAtMs(), s.changedBy()));
        }
        return new ConsoleVoiceMenus(store, new Menu(originalText(ivrFile), 0, originalSource(ivrFile), null, null));
    }

    private static String originalText(@Nullable Path ivrFile) {
        if (ivrFile == null) {
            return new String(Ivr.demoText(), StandardCharsets.UTF_8);
        }
        try {
            return Files.readString(ivrFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("voice.ivr-file: " + ivrFile + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String originalSource(@Nullable Path ivrFile) {
        return ivrFile == null ? BUILT_IN : ivrFile.toString();
    }

    /** The menu the voice channel starts with; an error in it names where it comes from. */
    Ivr startingMenu() {
        Menu menu = current;
        byte[] text = menu.text().getBytes(StandardCharsets.UTF_8);
        return switch (menu.source()) {
            case CONSOLE -> Ivr.parse("the menu changed in the console (version " + menu.version() + ")", text);
            case BUILT_IN -> Ivr.parse("the built-in menu", text);
            default -> {
                try {
                    yield Ivr.load(Path.of(menu.source()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("voice.ivr-file: " + e.getMessage(), e);
                }
            }
        };
    }

    /** The voice channel started: from now on the menu can be read and changed. */
    void attach(SipGateway gateway) {
        this.voice = gateway;
    }

    @Override
    public Optional<Menu> current() {
        return voice == null ? Optional.empty() : Optional.of(current);
    }

    @Override
    public synchronized Saved replace(String text, long expectedVersion, String actor, long atMs) {
        SipGateway gateway = voice;
        if (gateway == null) {
            throw starting();
        }
        Menu now = current;
        if (expectedVersion != now.version()) {
            return new Saved.Stale(now);
        }
        if (text.length() > MAX_TEXT_CHARS) {
            return new Saved.Invalid("the menu is longer than " + MAX_TEXT_CHARS + " characters");
        }
        SipGateway.PreparedMenu next;
        try {
            next = gateway.prepareMenu("the menu", text.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Saved.Invalid(java.util.Objects.requireNonNullElse(e.getMessage(), "the menu is not valid"));
        }
        long version = expectedVersion + 1;
        if (!store.save(
                text, expectedVersion, actor, atMs, "version " + version + ", " + text.length() + " characters")) {
            store.load()
                    .ifPresent(s -> current = new Menu(s.text(), s.version(), CONSOLE, s.changedAtMs(), s.changedBy()));
            return new Saved.Stale(current);
        }
        gateway.useMenu(next);
        current = new Menu(text, version, CONSOLE, atMs, actor);
        return new Saved.Done(current);
    }

    /** The store is not ready yet: there is no cause to carry. */
    private static StoreUnavailableException starting() {
        return new StoreUnavailableException("the voice channel is starting", null);
    }
}
