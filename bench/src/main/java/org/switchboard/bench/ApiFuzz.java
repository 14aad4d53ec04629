package org.switchboard.bench;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.switchboard.web.fuzz.ApiFuzzer;

/**
 * A long fuzzing campaign against a started server: the same {@link ApiFuzzer} as the web module's
 * {@code ApiFuzzTest}, with as many requests as asked, then the checks of the center (health, the walkthrough, the
 * read model). Prints every finding as it is found, then a summary; exits 1 when anything was found. The campaign
 * creates its own users, queues and agents (named {@code fz…}), so use a server whose data may be spoiled. With
 * {@code --subscriber NUMBER --subscriber-password PASSWORD} (a demo subscriber's, from {@code demo-accounts.txt}) it
 * also fuzzes the portal in that subscriber's session, and may change that subscriber's account.
 *
 * <pre>
 * ./switchboard start --no-demo --data /tmp/fuzz-data &amp;
 * java -cp bench/target/benchmarks.jar org.switchboard.bench.ApiFuzz \
 *      --url http://127.0.0.1:8080 --token "$(cat /tmp/fuzz-data/admin-token)" --requests 100000 --seed 42
 *      [--subscriber +79120000001 --subscriber-password PASSWORD]
 * </pre>
 * Without {@code --seed} a new one is drawn and printed; the same seed replays the same requests (their answers
 * still depend on timing).
 */
public final class ApiFuzz {

    private ApiFuzz() {}

    @SuppressWarnings("ClosingStandardOutputStreams") // the fuzzer writes to System.out and closes only its client
    public static void main(String[] args) {
        Map<String, String> options = ApiLoad.options(args);
        long seed = Long.parseLong(options.getOrDefault("seed", Long.toString(System.nanoTime())));
        int requests = Integer.parseInt(options.getOrDefault("requests", "100000"));
        System.out.println("ApiFuzz seed " + seed + ", " + requests + " requests");
        long startNs = System.nanoTime();
        try (ApiFuzzer fuzzer = new ApiFuzzer(
                URI.create(options.getOrDefault("url", "http://127.0.0.1:8080")),
                options.get("token"),
                seed,
                System.out)) {
            if (options.containsKey("subscriber")) {
                fuzzer.subscriber(options.get("subscriber"), options.get("subscriber-password"));
            }
            ApiFuzzer.Campaign campaign = fuzzer.run(requests);
            List<String> problems = fuzzer.checkCenter();
            System.out.printf(
                    "sent %d requests in %.0f s; %d findings; center after it: %s%n",
                    campaign.requests(),
                    (System.nanoTime() - startNs) / 1e9,
                    campaign.findings().size(),
                    problems.isEmpty() ? "healthy and consistent" : problems.size() + " problems");
            campaign.statuses().forEach((operation, statuses) -> System.out.println("  " + operation + " " + statuses));
            System.out.println("statuses not declared in openapi.json: " + campaign.undeclared());
            System.exit(campaign.findings().isEmpty() && problems.isEmpty() ? 0 : 1);
        }
    }
}
