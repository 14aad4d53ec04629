package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.web.fuzz.ApiFuzzer;

/**
 * The API fuzzed from its own OpenAPI document against a real center: every answer is a success or a JSON refusal
 * (never a 500, HTML, or internals), and afterwards the center is healthy, works, and its read model is consistent.
 * A new seed every run; replay one with {@code -Dswitchboard.fuzz.seed=N}, and send more requests with
 * {@code -Dswitchboard.fuzz.requests=N}. Longer campaigns: {@code org.switchboard.bench.ApiFuzz}.
 */
class ApiFuzzTest {

    private static final int REQUESTS = Integer.getInteger("switchboard.fuzz.requests", 3_000);

    @Test
    void everyAnswerIsASuccessOrAJsonRefusalAndTheCenterStaysHealthyAndConsistent() {
        long seed = Long.getLong("switchboard.fuzz.seed", System.nanoTime());
        System.out.println("ApiFuzzTest seed " + seed + " (replay: -Dswitchboard.fuzz.seed=" + seed + ")");
        try (RunningCenter center = new RunningCenter();
                ApiFuzzer fuzzer = new ApiFuzzer(center.uri(""), RunningCenter.ADMIN_TOKEN, seed, System.out)) {
            ApiFuzzer.Campaign campaign = fuzzer.run(REQUESTS);
            List<String> problems = fuzzer.checkCenter();

            System.out.println("ApiFuzzTest sent " + campaign.requests() + " requests; statuses by operation: "
                    + campaign.statuses() + "; not declared in openapi.json: " + campaign.undeclared());
            assertThat(campaign.findings()).as("findings of seed %d", seed).isEmpty();
            assertThat(problems).as("the center after seed %d", seed).isEmpty();
        }
    }
}
