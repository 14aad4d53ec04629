package org.switchboard.planning.scenario;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.switchboard.planning.ErlangC;

class ScenarioTest {

    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "scenario.yaml");

    static Scenario parse(String yaml) {
        return ScenarioFile.parse("test.yaml", yaml.getBytes(UTF_8), ZoneOffset.UTC);
    }

    @Test
    void theExampleReadsAsItSays() {
        Scenario scenario = ScenarioFile.load(EXAMPLE, ZoneOffset.UTC);

        assertThat(scenario.zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(scenario.intervals()).isEqualTo(48);
        assertThat(scenario.queues())
                .extracting(Scenario.QueueSpec::id)
                .containsExactly("billing", "internet", "roaming");
        assertThat(scenario.queues().get(0).handle()).isEqualTo(new Distribution.Lognormal(150, 110));
        assertThat(scenario.queues().get(0).routing()).hasSize(2);
        assertThat(scenario.queues().get(1).callbackAfterSeconds()).isEqualTo(180);
        assertThat(scenario.queues().get(1).target().maxAbandon()).isEqualTo(0.05);
        assertThat(scenario.queues().get(2).callbackAfterSeconds()).isEqualTo(-1);
        // billing-desk: 08:00-16:00 12, 12:00-20:00 10, 20:00-08:00 2 (the night shift of the day before covers 0-8)
        int[] desk = scenario.groups().get(0).agents();
        assertThat(desk[0]).isEqualTo(2);
        assertThat(desk[15]).isEqualTo(2);
        assertThat(desk[16]).isEqualTo(12);
        assertThat(desk[24]).isEqualTo(22);
        assertThat(desk[32]).isEqualTo(10);
        assertThat(desk[40]).isEqualTo(2);
        assertThat(scenario.groups().get(2).agents()).containsOnly(4);
    }

    @Test
    void aBadScenarioIsRefusedSayingWhereAndWhat() {
        String good = """
                start: 2026-12-01
                queues:
                  - id: q
                    arrivalsPerHour: 100
                    handle: {distribution: exponential, meanSeconds: 180}
                groups:
                  - {id: g, skills: {q: 5}, agents: 6}
                """;
        assertThat(parse(good).queues().getFirst().routing()).hasSize(1);
        assertThat(parse(good).intervalMinutes()).isEqualTo(30);
        // "key:" with nothing after it is YAML's null as "key: ~" is: the default, or "is missing" where none
        assertThat(parse(good + "days:\nseed:\n"))
                .usingRecursiveComparison()
                .isEqualTo(parse(good + "days: ~\nseed: ~\n"))
                .isEqualTo(parse(good));
        assertRefused(good.replace("id: q\n", "id:\n"), "queues[0].id: is missing");
        assertRefused(good.replace("id: q\n", "id: \"\"\n"), "queues[0].id:");

        assertRefused(good.replace("meanSeconds: 180", "meanSeconds: -1"), "queues[0].handle.meanSeconds: must be");
        assertRefused(good.replace("meanSecond", "meanSecnd"), "queues[0].handle: unknown field 'meanSecnds'");
        assertRefused(good.replace("exponential", "weibull"), "queues[0].handle.distribution: must be exponential");
        assertRefused(
                good.replace("    handle: {distribution: exponential, meanSeconds: 180}\n", ""),
                "queues[0].handle: is missing");
        assertRefused(
                good.replace("arrivalsPerHour: 100", "arrivalsPerHour: [1, 2, 3]"),
                "queues[0].arrivalsPerHour: needs one number, or 48");
        assertRefused(good.replace("arrivalsPerHour: 100", "arrivalsPerHour: [1, null]"), "item 2");
        assertThat(parse(good.replace("arrivalsPerHour: 100", "arrivalsPerHour: [100]")))
                .as("a list of one number is that number")
                .usingRecursiveComparison()
                .isEqualTo(parse(good));
        assertRefused(
                good.replace("meanSeconds: 180}\n", "meanSeconds: 180}\n    target: {slPercent: 0}\n"),
                "queues[0].target: slPercent 0 with no asaSeconds or maxAbandonPercent is no target");
        assertRefused(good.replace("skills: {q: 5}", "skills: {other: 5}"), "no group has the skills");
        assertRefused(
                good.replace("agents: 6", "shifts: [{start: \"08:10\", hours: 8, agents: 3}]"),
                "groups[0].shifts[0].start: must start on an interval");
        assertRefused(good.replace("agents: 6", "agents: 6, shifts: []"), "either agents or shifts");
        assertRefused(good.replace("id: q\n", "id: \"q q\"\n"), "queues[0].id: queue id must be");
        assertRefused(good.replace("start: 2026-12-01", "start: 2026-13-01"), "start: must be a date");
        assertRefused(good + "zone: Mars/Olympus\n", "zone: not a time zone");
        assertRefused(good + "days: 400\n", "days: must be a whole number 1..31");
        assertRefused(good.replace("arrivalsPerHour: 100", "arrivalsPerHour: 1000000"), "expects 24000000 calls");
        assertRefused(good + "queues: []\n", "the key 'queues' is given twice (line ");
        assertRefused("[1, 2", "is not YAML or JSON");
        assertRefused("{\"queues\": [", "ends before a bracket or quote it opened is closed"); // not "uses YAML…"
        assertRefused("null", "must be a mapping of fields");
        // from a probe: these were 500s or quoted the parser's classes
        for (String start : new String[] {"25:00", "24:00", "99:99", "8:00", "-01:00", "23:59:60"}) {
            assertRefused(
                    good.replace("agents: 6", "shifts: [{start: \"" + start + "\", hours: 8, agents: 3}]"),
                    "groups[0].shifts[0].start: must be a time of day HH:MM");
        }
        assertThatThrownBy(() -> parse(good + "---\n" + good))
                .hasMessageContaining("more than one document")
                .hasMessageNotContaining("jackson");
        assertThatThrownBy(() -> parse(good + "? [a, b]\n: 1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("org.yaml")
                .hasMessageNotContaining("com.fasterxml");
        String longSkill = "s".repeat(2_000);
        assertRefused(
                "{\"start\":\"2026-12-01\",\"queues\":[{\"id\":\"q\",\"arrivalsPerHour\":1,\"handle\":60}],"
                        + "\"groups\":[{\"id\":\"g\",\"skills\":{\"" + longSkill + "\":5},\"agents\":1}]}",
                "groups[0].skills");
    }

    private static void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    /** One queue, one group, constant Poisson arrivals, exponential handle times: Erlang C's service level. */
    @Test
    void aSingleQueueScenarioAgreesWithErlangC() {
        Scenario scenario = parse("""
                start: 2026-01-01
                days: 31
                intervalMinutes: 60
                queues:
                  - id: q
                    arrivalsPerHour: 200
                    handle: {distribution: exponential, meanSeconds: 180}
                    target: {slPercent: 80, slSeconds: 20}
                groups:
                  - {id: g, skills: {q: 5}, agents: 12}
                """);

        ScenarioResult result = ScenarioRun.run(scenario);

        ScenarioResult.Figures total = result.total(-1);
        double expected = ErlangC.of(200, 180).predict(12, 20).serviceLevel();
        // 744 h: the hourly service levels are nearly independent; their standard error bounds the total's
        double[] hourly = new double[scenario.intervals()];
        for (int t = 0; t < hourly.length; t++) {
            hourly[t] = result.figures(0, t).serviceLevel();
        }
        double mean = java.util.Arrays.stream(hourly).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(hourly)
                        .map(x -> (x - mean) * (x - mean))
                        .sum()
                / (hourly.length - 1));
        assertThat(total.serviceLevel()).isCloseTo(expected, within(3 * sd / Math.sqrt(hourly.length)));
        assertThat((double) total.offered()).isCloseTo(200 * 744, within(3 * Math.sqrt(200 * 744)));
        assertThat(total.abandoned() + total.shortAbandoned()).isZero();
    }

    /**
     * A queue's callback take-up: that share of the callers offered a callback take it, the others wait on; the
     * callers who arrive are the same whatever the take-up (their choices have a stream of their own).
     */
    @Test
    void onlyTheTakeUpsShareOfCallersOfferedACallbackTakeIt() {
        String overloaded = """
                start: 2026-12-01
                intervalMinutes: 60
                queues:
                  - id: q
                    arrivalsPerHour: 200
                    handle: {distribution: exponential, meanSeconds: 180}
                    patience: {distribution: exponential, meanSeconds: 300}
                    callbackAfterSeconds: 60
                groups:
                  - {id: g, skills: {q: 5}, agents: 9}
                """;
        ScenarioResult.Figures everyone = ScenarioRun.run(parse(overloaded)).total(-1);
        Scenario someScenario = parse(overloaded.replace(
                "callbackAfterSeconds: 60", "callbackAfterSeconds: 60\n    callbackTakeUpPercent: 40"));
        assertThat(someScenario.queues().getFirst().callbackTakeUp()).isEqualTo(0.4);
        ScenarioResult.Figures some = ScenarioRun.run(someScenario).total(-1);

        assertThat(some.offered()).isEqualTo(everyone.offered()); // the same callers
        assertThat(everyone.callbacksDeclined()).isZero();
        long offered = some.callbacks() + some.callbacksDeclined();
        assertThat(offered).isGreaterThan(500);
        double p = 0.4;
        assertThat((double) some.callbacks() / offered).isCloseTo(p, within(3 * Math.sqrt(p * (1 - p) / offered)));
        assertThat(some.callbacks()).isLessThan(everyone.callbacks());
        assertThat(some.abandoned() + some.shortAbandoned())
                .as("the callers who declined wait on, and some hang up")
                .isGreaterThan(everyone.abandoned() + everyone.shortAbandoned());
        assertRefused(
                overloaded.replace(
                        "callbackAfterSeconds: 60", "callbackAfterSeconds: 60\n    callbackTakeUpPercent: 0"),
                "queues[0].callbackTakeUpPercent: must be");
        assertRefused(
                overloaded.replace("callbackAfterSeconds: 60", "callbackTakeUpPercent: 40"),
                "queues[0].callbackTakeUpPercent: needs callbackAfterSeconds");
    }

    /** The arrivals follow the rate of each interval; lognormal and empirical handle times have their means. */
    @Test
    void arrivalsFollowEachIntervalsRateAndHandleTimesTheirDistribution() {
        StringBuilder rates = new StringBuilder();
        for (int t = 0; t < 48; t++) {
            rates.append(t == 0 ? "" : ", ").append(t < 16 ? 0 : t < 32 ? 600 : 120);
        }
        Scenario scenario = parse("""
                start: 2026-03-29
                days: 20
                zone: Europe/Berlin
                queues:
                  - id: a
                    arrivalsPerHour: [%s]
                    handle: {distribution: lognormal, meanSeconds: 200, sdSeconds: 300}
                  - id: b
                    arrivalsPerHour: 30
                    handle: {distribution: empirical, seconds: [60, 60, 300]}
                groups:
                  - {id: g, skills: {a: 5, b: 5}, agents: 400}
                """.formatted(rates));

        ScenarioResult result = ScenarioRun.run(scenario);

        long night = 0, day = 0, evening = 0;
        for (int d = 0; d < 20; d++) {
            for (int t = 0; t < 48; t++) {
                long offered = result.figures(0, d * 48 + t).offered();
                if (t < 16) {
                    night += offered;
                } else if (t < 32) {
                    day += offered;
                } else {
                    evening += offered;
                }
            }
        }
        assertThat(night).isZero();
        // Poisson counts, within 4 standard deviations (30 seeds: standard deviations as Poisson's)
        assertThat((double) day).isCloseTo(20 * 8 * 600, within(4 * Math.sqrt(20 * 8 * 600)));
        assertThat((double) evening).isCloseTo(20 * 8 * 120, within(4 * Math.sqrt(20 * 8 * 120)));
        assertThat((double) result.total(1).offered()).isCloseTo(20 * 24 * 30, within(4 * Math.sqrt(20 * 24 * 30)));
        // 400 agents for ≈ 33 Erlangs: nobody waits; the statistics' handle time is the distributions' mean
        assertThat(result.total(-1).serviceLevel()).isEqualTo(1.0);
        var statistics = new Distribution.Lognormal(200, 300);
        var random = new java.util.SplittableRandom(5);
        double sum = 0;
        for (int i = 0; i < 200_000; i++) {
            sum += statistics.drawMs(random);
        }
        assertThat(sum / 200_000 / 1000).isCloseTo(200, within(3 * 300 / Math.sqrt(200_000)));
        assertThat(new Distribution.Empirical(new double[] {60, 60, 300}).meanSeconds())
                .isEqualTo(140);
    }

    @Test
    void replicationsPoolTheCallersOfRunsWithTheirOwnSeedsInParallelOrInTurn() {
        Scenario scenario = ScenarioFile.load(EXAMPLE, ZoneOffset.UTC);
        ScenarioResult first = ScenarioRun.run(scenario);
        ScenarioResult second = ScenarioRun.run(scenario.withSeed(ScenarioRun.seedOf(scenario.seed(), 1)));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            ScenarioResult inTurn = ScenarioRun.run(scenario, 2, null);
            ScenarioResult inParallel = ScenarioRun.run(scenario, 2, pool);

            assertThat(second.total(-1).offered()).isNotEqualTo(first.total(-1).offered());
            for (int q = 0; q < scenario.queues().size(); q++) {
                for (int t = 0; t < scenario.intervals(); t++) {
                    ScenarioResult.Figures a = first.figures(q, t);
                    ScenarioResult.Figures b = second.figures(q, t);
                    ScenarioResult.Figures pooled = inTurn.figures(q, t);
                    assertThat(pooled.offered()).isEqualTo(a.offered() + b.offered());
                    assertThat(pooled.answeredInTime()).isEqualTo(a.answeredInTime() + b.answeredInTime());
                    assertThat(pooled.waitMs()).isEqualTo(a.waitMs() + b.waitMs());
                }
            }
            assertThat(inParallel.toJson()).isEqualTo(inTurn.toJson()).contains("\"replications\":2");
            assertThatThrownBy(() -> ScenarioRun.run(scenario, 0, null)).hasMessageContaining("replications");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStaffingFileRoundTripsAndReplacesTheGroupsAgents() throws Exception {
        Scenario scenario = ScenarioFile.load(EXAMPLE, ZoneOffset.UTC);
        StringWriter csv = new StringWriter();
        GroupStaffing.write(scenario, csv);

        assertThat(csv.toString()).startsWith("interval_start,group,agents\n2026-12-01T00:00+03:00,billing-desk,2\n");
        Scenario read = GroupStaffing.read(new StringReader(csv.toString()), scenario.withAgents(new int[3][48]));
        assertThat(read).isEqualTo(scenario);
        assertThatThrownBy(() -> GroupStaffing.read(
                        new StringReader("interval_start,group,agents\n2026-12-01T00:10+03:00,tech-support,3\n"),
                        scenario))
                .hasMessageContaining("line 2")
                .hasMessageContaining("does not start one of the scenario's");
        assertThatThrownBy(() -> GroupStaffing.read(
                        new StringReader("interval_start,group,agents\n2026-12-01T00:00+03:00,nobody,3\n"), scenario))
                .hasMessageContaining("no group 'nobody'");
    }
}
