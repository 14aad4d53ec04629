package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server on a real PostgreSQL under a load of contacts, while the database misbehaves: the journal table
 * locked by another session for {@value #LOCK_SECONDS} s, the journal writer's backends terminated. During the fault
 * commands are refused ({@code 503 unavailable}, and then they certainly did not happen) or left in doubt
 * ({@code 503 timeout} naming the contact and the key), reads answer from the read models, and {@code /health} says
 * why; after it the center takes commands again by itself within 10 s, every acknowledged contact exists exactly
 * once, in the order the contacts were created, and clients that retried a contact in doubt with the same
 * {@code Idempotency-Key} end with exactly one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PostgresFaultsTest {

    private static final int CLIENTS = 6;
    private static final int LOCK_SECONDS = 20;
    /** Contacts acknowledged before the fault: the load is under way. */
    private static final int LOAD_BEFORE_FAULT = 100;

    private static final Duration BACK_WITHIN = Duration.ofSeconds(10);
    private static final Pattern DATABASE_FAILURES =
            Pattern.compile("(?m)^switchboard_journal_database_failures_total\\S* (\\S+)$");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private ServerPostgres database;
    private ServerProcess server;

    @BeforeAll
    void startServerOnItsOwnSchema(@TempDir Path data) throws Exception {
        database = ServerPostgres.create();
        Path config = data.resolve("switchboard.properties");
        Files.writeString(config, database.settings());
        server = ServerProcess.launch(data, "--config", config.toString());
    }

    @AfterAll
    void stopServerAndDropSchema() throws Exception {
        try {
            if (server != null) {
                server.signal("TERM");
                server.process.waitFor(30, TimeUnit.SECONDS);
                server.process.destroyForcibly();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aJournalLockedFor20SecondsRefusesHonestlyLosesNothingAndRecoversByItself() throws Exception {
        IntakeClients intake = loadOn("locked");
        try {
            long released;
            try (ServerPostgres.TableLock lock = database.lockJournal()) {
                long lockedNanos = System.nanoTime();
                awaitHealth(503, Duration.ofSeconds(10));
                assertDegradedForTheDatabase();
                assertReadsAnswer(intake);
                assertThat(intake.registerOne())
                        .as("a new contact while the journal is locked")
                        .isEqualTo(IntakeClients.Result.REFUSED);
                Thread.sleep(Math.max(
                        0,
                        TimeUnit.SECONDS.toMillis(LOCK_SECONDS)
                                - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lockedNanos)));
                assertDegradedForTheDatabase();
                assertEveryAnswerDuringTheLockWasDurable(intake, lockedNanos, lock.journaledRegistrations());
                released = System.nanoTime();
            }
            assertBackByItselfWithin10Seconds(intake, released);
        } finally {
            intake.close();
        }

        assertThat(intake.inDoubt)
                .as("commands in flight when the lock came were left in doubt, not refused")
                .isNotEmpty();
        assertNothingLostNothingInvented(intake);
    }

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS)
    void terminatingTheJournalWritersBackendLosesNothingAndTheCenterGoesOnByItself() throws Exception {
        IntakeClients intake = loadOn("killed");
        try {
            long killed = terminateUntilTheWriterNotices(databaseFailures());
            assertReadsAnswer(intake);
            assertBackByItselfWithin10Seconds(intake, killed);
            assertThat(intake.awaitAcknowledged(intake.acknowledged.size() + LOAD_BEFORE_FAULT, Duration.ofSeconds(20)))
                    .as("the load goes on")
                    .isTrue();
        } finally {
            intake.close();
        }

        assertNothingLostNothingInvented(intake);
    }

    /** A new queue and {@value #CLIENTS} clients registering contacts in it, once the load is under way. */
    private IntakeClients loadOn(String queue) throws Exception {
        defineQueue(queue);
        IntakeClients intake = IntakeClients.start(server.port, queue, CLIENTS);
        assertThat(intake.awaitAcknowledged(LOAD_BEFORE_FAULT, Duration.ofSeconds(20)))
                .as("the load got going")
                .isTrue();
        return intake;
    }

    /** Ends the writer's backends, again every half second, until the writer met a dead one; returns when. */
    private long terminateUntilTheWriterNotices(long failuresBefore) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int terminated = 0;
        while (System.nanoTime() < deadline) {
            terminated += database.terminateJournalBackends();
            long killed = System.nanoTime();
            Thread.sleep(500);
            if (databaseFailures() > failuresBefore) {
                return killed;
            }
        }
        throw new AssertionError("the journal writer never met a terminated backend (" + terminated + " terminated)");
    }

    private void assertDegradedForTheDatabase() throws Exception {
        Answer health = get("/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.body().path("reason").asText()).isEqualTo("database");
    }

    /** The queue's contacts and a waiting contact still answer 200 from the read models. */
    private void assertReadsAnswer(IntakeClients intake) throws Exception {
        Answer list = get("/api/v1/queues/" + intake.queue() + "/contacts?limit=10");
        assertThat(list.status())
                .as("GET the queue's contacts: %s", list.body())
                .isEqualTo(200);
        assertThat(list.body().path("contacts").size()).isPositive();
        String waiting = intake.acknowledged.getFirst().id();
        Answer contact = get("/api/v1/contacts/" + waiting);
        assertThat(contact.status()).as("GET a contact: %s", contact.body()).isEqualTo(200);
        assertThat(contact.body().path("state").asText()).isEqualTo("QUEUED");
    }

    /**
     * Nothing can commit to a locked table, so a 201 that came while the lock was held must be for a contact the
     * journal already holds (read through the lock).
     */
    private static void assertEveryAnswerDuringTheLockWasDurable(
            IntakeClients intake, long lockedNanos, List<String> journaled) {
        List<String> answeredDuringLock = intake.acknowledged.stream()
                .filter(a -> a.ackedNanos() > lockedNanos)
                .map(IntakeClients.Acknowledged::id)
                .toList();
        assertThat(journaled)
                .as("contacts answered 201 while the journal was locked")
                .containsAll(answeredDuringLock);
    }

    /** A new contact is accepted within 10 s of the fault's end, and {@code /health} says UP again. */
    private void assertBackByItselfWithin10Seconds(IntakeClients intake, long faultEndedNanos) throws Exception {
        long deadline = faultEndedNanos + BACK_WITHIN.toNanos();
        IntakeClients.Result result = intake.registerOne();
        while (result != IntakeClients.Result.ACKNOWLEDGED && System.nanoTime() < deadline) {
            result = intake.registerOne();
        }
        assertThat(result).as("a new contact after the fault").isEqualTo(IntakeClients.Result.ACKNOWLEDGED);
        assertThat(System.nanoTime())
                .as("accepted within %s of the fault's end", BACK_WITHIN)
                .isLessThan(deadline);
        awaitHealth(200, BACK_WITHIN);
    }

    /**
     * Every acknowledged contact waits in the queue and is journaled exactly once; no refused contact exists; the
     * queue holds nothing else; and a contact acknowledged before another was sent stands before it.
     */
    private void assertNothingLostNothingInvented(IntakeClients intake) throws Exception {
        assertThat(intake.anomalies).as("answers no client may get").isEmpty();
        List<String> waiting = waitingIn(intake.queue());
        Map<String, Integer> place = new HashMap<>();
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(place.put(waiting.get(i), i))
                    .as("%s waits twice", waiting.get(i))
                    .isNull();
        }
        Set<String> acknowledged =
                intake.acknowledged.stream().map(IntakeClients.Acknowledged::id).collect(Collectors.toSet());
        assertThat(place.keySet())
                .as("the queue holds exactly the acknowledged contacts")
                .containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(acknowledged).as("contacts once in doubt ended acknowledged").containsAll(intake.inDoubt);
        Map<String, Long> journaled = database.journaledRegistrations().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(acknowledged)
                .allSatisfy(id ->
                        assertThat(journaled.get(id)).as("%s journaled", id).isEqualTo(1));
        for (String id : intake.refused) {
            assertThat(journaled).as("refused contact %s", id).doesNotContainKey(id);
            assertThat(get("/api/v1/contacts/" + id).status())
                    .as("refused contact %s", id)
                    .isEqualTo(404);
        }
        assertCreationOrder(intake.acknowledged, place);
    }

    /** Whenever a contact was acknowledged before another was first sent, it stands ahead of it in the queue. */
    private static void assertCreationOrder(List<IntakeClients.Acknowledged> acknowledged, Map<String, Integer> place) {
        List<IntakeClients.Acknowledged> bySent = new ArrayList<>(acknowledged);
        bySent.sort((a, b) -> Long.compare(a.sentNanos(), b.sentNanos()));
        List<IntakeClients.Acknowledged> byAck = new ArrayList<>(acknowledged);
        byAck.sort((a, b) -> Long.compare(a.ackedNanos(), b.ackedNanos()));
        int furthestAcked = -1;
        int next = 0;
        for (IntakeClients.Acknowledged later : bySent) {
            while (next < byAck.size() && byAck.get(next).ackedNanos() < later.sentNanos()) {
                furthestAcked =
                        Math.max(furthestAcked, place.get(byAck.get(next++).id()));
            }
            assertThat(place.get(later.id()))
                    .as("%s, sent after contacts acknowledged up to place %d", later.id(), furthestAcked)
                    .isGreaterThan(furthestAcked);
        }
    }

    /** Every waiting contact of the queue, in order, page by page, checking each one's position. */
    private List<String> waitingIn(String queue) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Answer page = get(
                    "/api/v1/queues/" + queue + "/contacts?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode contact : page.body().path("contacts")) {
                ids.add(contact.path("id").asText());
                assertThat(contact.path("position").asInt())
                        .as("position of %s", ids.getLast())
                        .isEqualTo(ids.size());
            }
            cursor = page.body().path("nextCursor").isTextual()
                    ? page.body().path("nextCursor").asText()
                    : null;
        } while (cursor != null);
        return Collections.unmodifiableList(ids);
    }

    private void defineQueue(String id) throws Exception {
        HttpRequest request = request("/api/v1/queues")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"skills\":[\"" + id + "\"]}"))
                .build();
        assertThat(send(request).status()).isEqualTo(201);
    }

    private long databaseFailures() throws Exception {
        HttpResponse<String> metrics =
                http.send(request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher failures = DATABASE_FAILURES.matcher(metrics.body());
        assertThat(failures.find())
                .as("/metrics counts the journal's database failures")
                .isTrue();
        return (long) Double.parseDouble(failures.group(1));
    }

    private void awaitHealth(int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (get("/health").status() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/health did not answer " + status + " within " + within + ": "
                        + get("/health").body());
            }
            Thread.sleep(50);
        }
    }

    private Answer get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + path))
                .header("Authorization", "Bearer " + ServerProcess.TOKEN)
                .timeout(Duration.ofSeconds(15));
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readTree(response.body()));
    }

    private record Answer(int status, JsonNode body) {}
}
