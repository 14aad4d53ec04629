package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Supervisors read the voice menu, only administrators change it, over the version they read; a text the port refuses
 * comes back as 400 with its reason, and nothing changed (the real check is the voice channel's: see the app's tests).
 */
class VoiceMenuApiTest {

    private static RunningCenter center;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @Test
    void onlyAnAdministratorChangesTheMenuAndOnlyOverTheVersionItRead() {
        String supervisor = center.user("supervisor");
        String operator = center.agent(unique("anton"), "info");
        assertThat(center.get("/api/v1/voice-menu", supervisor).expect(200).text("source"))
                .isEqualTo("built-in");
        center.get("/api/v1/voice-menu", operator).expect(403);
        center.put("/api/v1/voice-menu", supervisor, "{\"text\":\"start: tech\",\"version\":0}")
                .expect(403);

        assertThat(center.put("/api/v1/voice-menu", ADMIN_TOKEN, "{\"text\":\"languages: [ru]\",\"version\":0}")
                        .expect(400)
                        .text("detail"))
                .contains("'start' is required");
        center.put("/api/v1/voice-menu", ADMIN_TOKEN, "{\"text\":\"start: tech\"}")
                .expect(400);
        assertThat(center.put("/api/v1/voice-menu", ADMIN_TOKEN, "{\"text\":\"start: tech\",\"version\":-1}")
                        .expect(400)
                        .text("detail"))
                .contains("0 or more");
        var changed = center.put("/api/v1/voice-menu", ADMIN_TOKEN, "{\"text\":\"start: tech\",\"version\":0}")
                .expect(200);
        var stale = center.put("/api/v1/voice-menu", ADMIN_TOKEN, "{\"text\":\"start: info\",\"version\":0}")
                .expect(409);

        assertThat(changed.text("version")).isEqualTo("1");
        assertThat(changed.text("changedBy")).isEqualTo("root");
        assertThat(stale.text("error")).isEqualTo("stale");
        assertThat(stale.json().get("current").get("text").asText()).isEqualTo("start: tech");
        assertThat(center.get("/api/v1/voice-menu", supervisor).expect(200).text("text"))
                .isEqualTo("start: tech");
        center.voiceMenus.unavailable = true;
        try {
            center.get("/api/v1/voice-menu", supervisor).expect(503);
        } finally {
            center.voiceMenus.unavailable = false;
        }
    }

    @Test
    void aMenuNotLoadedYetIsAnsweredAsTheVoiceChannelStartingNotAsTheDatabase() {
        String supervisor = center.user("supervisor");
        center.voiceMenus.notLoaded = true;
        try {
            RunningCenter.Answer starting = center.get("/api/v1/voice-menu", supervisor);
            assertThat(starting.status()).isEqualTo(503);
            assertThat(starting.text("error")).isEqualTo("unavailable");
            assertThat(starting.text("detail")).contains("voice channel is starting");
            assertThat(starting.httpHeaders().firstValue("Retry-After")).isPresent();
        } finally {
            center.voiceMenus.notLoaded = false;
        }
    }
}
