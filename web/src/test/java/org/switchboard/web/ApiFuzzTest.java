package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.Subscriber;
import org.switchboard.web.fuzz.ApiFuzzer;

/**
 * The API fuzzed from its own OpenAPI document against a real center: every answer is a success or a JSON refusal
 * (never a 500, HTML, or internals), also for the portal's operations with a subscriber's session and for the USSD
 * gateway's forms, and afterwards the center is healthy, works, and its read model is consistent.
 * A new seed every run; replay one with {@code -Dswitchboard.fuzz.seed=N}, and send more requests with
 * {@code -Dswitchboard.fuzz.requests=N}. Longer campaigns: {@code org.switchboard.bench.ApiFuzz}.
 */
class ApiFuzzTest {

    private static final int REQUESTS = Integer.getInteger("switchboard.fuzz.requests", 3_000);
    private static final String SUBSCRIBER = "+79127000001";
    private static final String PASSWORD = "fuzzing-subscriber-password";

    @Test
    void everyAnswerIsASuccessOrAJsonRefusalAndTheCenterStaysHealthyAndConsistent() {
        long seed = Long.getLong("switchboard.fuzz.seed", System.nanoTime());
        System.out.println("ApiFuzzTest seed " + seed + " (replay: -Dswitchboard.fuzz.seed=" + seed + ")");
        try (RunningCenter center = new RunningCenter();
                ApiFuzzer fuzzer = new ApiFuzzer(center.uri(""), RunningCenter.ADMIN_TOKEN, seed, System.out)) {
            center.server.sendServiceMessagesWith((msisdn, text) -> true);
            center.server.offerPortalTopics(Map.of("balance-and-tariffs", "fz-portal"));
            center.queue("fz-portal", "fz-portal");
            center.subscribers.save(
                    new Subscriber(SUBSCRIBER, "Irina", "Smart 300", 50_000, "RUB", List.of(), "ru"), "x");
            center.portal.setPassword(SUBSCRIBER, PASSWORD, null);
            ApiFuzzer.Campaign campaign =
                    fuzzer.subscriber(SUBSCRIBER, PASSWORD).run(REQUESTS);
            List<String> problems = fuzzer.checkCenter();

            System.out.println("ApiFuzzTest sent " + campaign.requests() + " requests; statuses by operation: "
                    + campaign.statuses() + "; not declared in openapi.json: " + campaign.undeclared());
            assertThat(campaign.findings()).as("findings of seed %d", seed).isEmpty();
            assertThat(problems).as("the center after seed %d", seed).isEmpty();
        }
    }
}
