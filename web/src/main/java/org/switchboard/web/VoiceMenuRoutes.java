package org.switchboard.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.VoiceMenus;
import org.switchboard.core.port.VoiceMenus.Menu;
import org.switchboard.core.port.VoiceMenus.Saved;
import org.switchboard.core.time.Clock;

/**
 * {@code /api/v1/voice-menu}: the voice menu (IVR) callers hear, its queues, announcements, callback offer and
 * recorded queues, as one text. Staff read it; administrators replace it over the version they read, so that two never
 * overwrite each other unseen (409 {@code stale}). A text that is not a menu every caller can walk is refused (400)
 * saying what and where, and nothing changes; a change is audited and walked by new calls.
 */
final class VoiceMenuRoutes {

    private static final String MENU = "/api/v1/voice-menu";

    private final Auth auth;
    private final JsonBodies bodies;
    private final VoiceMenus menus;
    private final Clock clock;

    VoiceMenuRoutes(Auth auth, JsonBodies bodies, VoiceMenus menus, Clock clock) {
        this.auth = auth;
        this.bodies = bodies;
        this.menus = menus;
        this.clock = clock;
    }

    void register(RouteTable routes) {
        routes.get(MENU, this::show);
        routes.put(MENU, this::replace);
    }

    /** A new menu as administrators send it: its text, over the version it was written from. */
    record MenuChange(@Nullable String text, @Nullable Long version) {}

    private void show(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        ctx.json(json(current()));
    }

    private void replace(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        Idempotency.refuseKey(ctx, "a repeat answers 409 stale, with the menu as it stands");
        MenuChange change = bodies.read(ctx, MenuChange.class);
        String text = change.text();
        Long version = change.version();
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("'text' is required: the whole menu, YAML or JSON");
        }
        if (version == null) {
            throw ApiException.badRequest("'version' is required: the version of the menu this text was written from");
        }
        if (version < 0) {
            throw ApiException.badRequest(
                    "'version' is a menu's version, 0 or more: the one this text was written from");
        }
        current();
        Saved saved = menus.replace(text, version, admin.name(), clock.nowInMs());
        ctx.json(json(
                switch (saved) {
                    case Saved.Done done -> done.menu();
                    case Saved.Invalid invalid -> throw ApiException.badRequest(invalid.problem());
                    case Saved.Stale stale ->
                        throw new ApiException(
                                409,
                                "stale",
                                staleness(stale.current(), version),
                                Map.of("current", json(stale.current())));
                }));
    }

    private static String staleness(Menu current, long version) {
        return current.changedBy() == null
                ? "the menu is at version " + current.version() + ", not " + version
                : "the menu was changed meanwhile by " + current.changedBy() + "; it is at version "
                        + current.version();
    }

    private Menu current() {
        return menus.current()
                .orElseThrow(() -> ApiException.unavailable("the voice channel is starting; retry shortly"));
    }

    private static Map<String, Object> json(Menu menu) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", menu.text());
        body.put("version", menu.version());
        body.put("source", menu.source());
        body.put("changedAt", menu.changedAtMs() == null ? null : EventJson.iso(menu.changedAtMs()));
        body.put("changedBy", menu.changedBy());
        return body;
    }
}
