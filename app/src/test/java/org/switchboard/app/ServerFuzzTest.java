package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.web.fuzz.ApiFuzzer;

/**
 * The API fuzzed as the server is started, with everything the web module's {@code ApiFuzzTest} cannot reach there:
 * the planning calculations (forecast, staffing, schedule, replay, scenarios, launch day) on real bodies, the portal
 * with a demo subscriber's session on the database's registry, and the USSD gateway's forms walking the real menu.
 * Every answer must be a success or a JSON refusal, and afterwards the center must be healthy, work, and be
 * consistent. A new seed every run; replay one with {@code -Dswitchboard.fuzz.seed=N}. With about 1,500 requests each
 * operation gets a handful, so only the portal's reach is asserted (tens of successes); longer campaigns, which reach
 * every calculation and the USSD menu many times, run from bench ({@code org.switchboard.bench.ApiFuzz}).
 */
class ServerFuzzTest {

    private static final int REQUESTS = Integer.getInteger("switchboard.fuzz.server-requests", 1_500);

    @TempDir
    Path data;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyAnswerOfTheStartedServerIsASuccessOrAJsonRefusal() throws Exception {
        long seed = Long.getLong("switchboard.fuzz.seed", System.nanoTime());
        System.out.println("ServerFuzzTest seed " + seed + " (replay: -Dswitchboard.fuzz.seed=" + seed + ")");
        ServerProcess server = ServerProcess.launchDemo(data);
        try {
            Map.Entry<String, String> subscriber = demoSubscriber();
            ApiFuzzer.Campaign campaign;
            List<String> problems;
            try (ApiFuzzer fuzzer = new ApiFuzzer(
                    URI.create("http://127.0.0.1:" + server.port), ServerProcess.TOKEN, seed, System.out)) {
                campaign = fuzzer.subscriber(subscriber.getKey(), subscriber.getValue())
                        .run(REQUESTS);
                problems = fuzzer.checkCenter();
            }
            System.out.println("ServerFuzzTest sent " + campaign.requests() + " requests; statuses by operation: "
                    + campaign.statuses());

            assertThat(campaign.findings()).as("findings of seed %d", seed).isEmpty();
            assertThat(problems).as("the center after seed %d", seed).isEmpty();
            assertThat(reached(campaign, "GET /api/v1/portal/"))
                    .as("portal pages read in a subscriber's session (seed %d)", seed)
                    .isPositive();
            System.out.println("ServerFuzzTest successes: planning " + reached(campaign, "POST /api/v1/planning/")
                    + ", portal " + reached(campaign, "GET /api/v1/portal/") + ", USSD "
                    + reached(campaign, "POST /api/v1/ussd")); // each op gets a few valid bodies: bench runs longer
        } finally {
            server.signal("TERM");
            server.awaitExit();
        }
    }

    /** How many answers of the operations whose label starts with {@code prefix} were successes. */
    private static int reached(ApiFuzzer.Campaign campaign, String prefix) {
        return campaign.statuses().entrySet().stream()
                .filter(operation -> operation.getKey().startsWith(prefix))
                .flatMap(operation -> operation.getValue().entrySet().stream())
                .filter(status -> status.getKey() >= 200 && status.getKey() < 300)
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** The first demo subscriber's number and portal password, as the first start wrote them. */
    private Map.Entry<String, String> demoSubscriber() throws java.io.IOException {
        return Files.readAllLines(data.resolve("demo-accounts.txt")).stream()
                .map(line -> line.split(" "))
                .filter(words -> words.length == 3 && words[1].equals("subscriber"))
                .map(words -> Map.entry(words[0], words[2]))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no demo subscriber in demo-accounts.txt"));
    }
}
