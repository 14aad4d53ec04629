package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.switchboard.core.stats.IntervalStats;
import org.switchboard.web.OpenApiConformance.Exchange;

/**
 * The OpenAPI document ({@code /api/openapi.json}) says what the server does, and the server does what it says, in
 * both directions: the same routes; every answer {@link ConformanceDrive} provokes (happy paths and every kind of
 * refusal, against a real center) has a status the document declares for its operation and a body that matches the
 * declared schema (the schemas are closed: a field the server adds, drops or renames fails), every status the
 * document declares is answered by the drive (or is listed in {@link #NOT_DRIVEN} with the reason), every property
 * its answer schemas declare is sent, every event type it declares is seen on the stream, and the request schemas
 * name exactly the fields of the request records.
 * The last test proves the checks bite, on copies of the document with a status, a field or a route missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiConformanceTest {

    /** Declared statuses the drive does not provoke, and why. */
    private static final Map<Integer, String> NOT_DRIVEN =
            Map.of(408, "a request body must stop arriving for the idle timeout (http.idle-timeout-ms, 30 s)");

    /** The records request bodies are read into, by the name of their schema in the document. */
    private static final Map<String, Class<? extends Record>> REQUEST_RECORDS = Map.ofEntries(
            Map.entry("QueueRequest", QueueRoutes.QueueRequest.class),
            Map.entry("UssdRequest", UssdRoutes.UssdRequest.class),
            Map.entry("VoiceMenuChange", VoiceMenuRoutes.MenuChange.class),
            Map.entry("StepRequest", QueueRoutes.StepRequest.class),
            Map.entry("ServiceLevelRequest", QueueRoutes.ServiceLevelRequest.class),
            Map.entry("BusinessHoursRequest", QueueRoutes.HoursRequest.class),
            Map.entry("OpeningRange", QueueRoutes.RangeRequest.class),
            Map.entry("AgentRequest", AgentRoutes.AgentRequest.class),
            Map.entry("AgentState", AgentRoutes.StateRequest.class),
            Map.entry("UserRequest", UserRoutes.UserRequest.class),
            Map.entry("ContactRequest", ContactRoutes.ContactRequest.class),
            Map.entry("AgentChoice", ContactRoutes.AgentBody.class),
            Map.entry("ConnectRequest", ContactRoutes.ConnectBody.class),
            Map.entry("Completion", ContactRoutes.CompleteBody.class),
            Map.entry("Reason", ContactRoutes.ReasonBody.class),
            Map.entry("Transfer", ContactRoutes.TransferBody.class),
            Map.entry("Callback", ContactRoutes.CallbackBody.class),
            Map.entry("ArrangedCallback", ContactRoutes.CallbackBody.class),
            Map.entry("CallControlRequest", ContactRoutes.CallBody.class),
            Map.entry("ConsultRequest", ContactRoutes.ConsultBody.class),
            Map.entry("ReasonList", ReasonRoutes.ReasonList.class),
            Map.entry("ReasonEntry", ReasonRoutes.ReasonEntry.class),
            Map.entry("CodeWord", SubscriberRoutes.CodeWordRequest.class),
            Map.entry("MonitorRequest", MonitorRoutes.MonitorRequest.class),
            Map.entry("SignIn", SessionRoutes.SignInRequest.class),
            Map.entry("Note", ContactRoutes.NoteBody.class),
            Map.entry("InboundMessage", ContactRoutes.InboundMessage.class),
            Map.entry("ArticleRequest", KnowledgeRoutes.ArticleRequest.class),
            Map.entry("PriorityChange", ContactRoutes.PriorityBody.class),
            Map.entry("SkillsChange", AgentRoutes.SkillsRequest.class),
            Map.entry("TariffChange", AccountRoutes.TariffRequest.class),
            Map.entry("PortalCodeRequest", PortalRoutes.CodeRequest.class),
            Map.entry("PortalSignIn", PortalRoutes.SignInRequest.class),
            Map.entry("PortalTariffChange", PortalRoutes.TariffRequest.class),
            Map.entry("PortalServiceChange", PortalRoutes.ServiceRequest.class),
            Map.entry("PortalPassword", PortalRoutes.PasswordRequest.class),
            Map.entry("PortalQuestion", PortalHelpRoutes.QuestionRequest.class),
            Map.entry("PortalCallbackRequest", PortalHelpRoutes.CallbackRequest.class),
            Map.entry("ServiceChange", AccountRoutes.ServiceRequest.class),
            Map.entry("EmailChange", AccountRoutes.EmailRequest.class),
            Map.entry("PortalEmail", PortalRoutes.EmailRequest.class),
            Map.entry("PortalEmailCode", PortalRoutes.ConfirmRequest.class),
            Map.entry("PlanningStaffing", PlanningRoutes.StaffingRequest.class),
            Map.entry("PlanningForecast", PlanningRoutes.ForecastRequest.class),
            Map.entry("PlanningInterval", PlanningRoutes.Interval.class),
            Map.entry("PlanningSpecialDay", PlanningRoutes.SpecialDayRequest.class),
            Map.entry("PlanningReplay", PlanningRoutes.ReplayRequest.class),
            Map.entry("PlanningSchedule", PlanningRoutes.ScheduleRequest.class),
            Map.entry("PlanningRequired", PlanningRoutes.RequiredRequest.class),
            Map.entry("PlanningCall", PlanningRoutes.CallRequest.class),
            Map.entry("PlanningStaffed", PlanningRoutes.StaffedRequest.class),
            Map.entry("PlanningScenarioSimulate", ScenarioRoutes.SimulateRequest.class),
            Map.entry("PlanningScenarioStaffing", ScenarioRoutes.StaffingRequest.class),
            Map.entry("PlanningGroupStaffed", ScenarioRoutes.GroupAgentsRequest.class),
            Map.entry("PlanningLaunch", LaunchRoutes.LaunchRequest.class),
            Map.entry("PlanningReplayStep", PlanningRoutes.StepRequest.class),
            Map.entry("PasswordRequest", SessionRoutes.PasswordRequest.class));

    private static final String EVENTS = "/api/v1/events";

    private RunningCenter center;
    private String text;
    private OpenApiConformance document;
    private List<Exchange> exchanges;
    private List<JsonNode> messages;
    private List<Exchange> rolesRefused;

    @BeforeAll
    void drive() throws Exception {
        center = new RunningCenter(WebOptions.DEFAULTS, System::currentTimeMillis, new Figures());
        text = center.get("/api/openapi.json", null).expect(200).body();
        document = new OpenApiConformance(text);
        ConformanceDrive drive = new ConformanceDrive(center).run();
        exchanges = drive.exchanges();
        messages = drive.streamMessages();
        rolesRefused = drive.rolesRefused();
        exchanges.forEach(e ->
                System.out.println(e.describe() + " " + e.headers().getOrDefault("idempotent-replayed", "") + " "
                        + (e.body() == null
                                ? ""
                                : e.body().substring(0, Math.min(300, e.body().length())))));
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void theDocumentHasExactlyTheRoutesTheServerRegisters() {
        assertThat(center.server.routes()).hasSizeGreaterThanOrEqualTo(29);
        assertThat(routeDrift(document, center.server.routes())).isEmpty();
    }

    @Test
    void everyAnswerHasAStatusDeclaredForItsOperationAndMatchesTheDeclaredSchema() {
        assertThat(exchanges).hasSizeGreaterThan(200);
        assertThat(problemsOf(document, exchanges)).isEmpty();
    }

    @Test
    void everyStatusTheDocumentDeclaresIsAnswered() {
        assertThat(undriven(document, exchanges)).isEmpty();
    }

    @Test
    void everyPropertyTheAnswerSchemasDeclareIsSent() {
        problemsOf(document, exchanges);
        streamProblems(document, messages);
        assertThat(document.unseenProperties()).isEmpty();
    }

    @Test
    void everyRoleTheDescriptionDoesNotNameIsRefused() {
        assertThat(rolesRefused).hasSizeGreaterThan(20);
        assertThat(rolesRefused)
                .filteredOn(e -> e.status() != 403)
                .extracting(Exchange::describe)
                .isEmpty();
    }

    @Test
    void everyEventStreamMessageMatchesItsSchemaAndEveryDeclaredEventTypeIsSeen() {
        assertThat(streamProblems(document, messages)).isEmpty();
    }

    @Test
    void requestSchemasNameExactlyTheFieldsOfTheRequestRecords() {
        List<String> problems = new ArrayList<>();
        JsonNode schemas = document.document().at("/components/schemas");
        Set<String> bodies = requestSchemas(document.document());
        if (!bodies.equals(REQUEST_RECORDS.keySet())) {
            problems.add("request schemas " + new TreeSet<>(bodies) + " but records for "
                    + new TreeSet<>(REQUEST_RECORDS.keySet()));
        }
        REQUEST_RECORDS.forEach((schema, type) -> {
            Set<String> declared = new TreeSet<>();
            schemas.path(schema).path("properties").fieldNames().forEachRemaining(declared::add);
            Set<String> read = Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!declared.equals(read)) {
                problems.add(schema + " declares " + declared + " but " + type.getSimpleName() + " reads " + read);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theChecksReportEveryKindOfDriftInACopyOfTheDocument() {
        assertThat(problemsOf(
                        changed(d -> remove(d, "/paths/~1api~1v1~1queues/post/responses", "409")),
                        of("POST /api/v1/queues")))
                .anyMatch(p -> p.contains("status 409 is not declared"));
        assertThat(problemsOf(changed(d -> removeField(d, "ContactReply", "position")), of("POST /api/v1/contacts")))
                .anyMatch(p -> p.contains("position"));
        assertThat(problemsOf(changed(d -> addRequiredField(d, "Agent", "team")), of("GET /api/v1/agents/{id}")))
                .anyMatch(p -> p.contains("team"));
        assertThat(problemsOf(changed(d -> removeField(d, "ContactRequest", "id")), of("POST /api/v1/contacts")))
                .anyMatch(p -> p.contains("request") && p.contains("id"));
        assertThat(problemsOf(
                        changed(d -> removeParameter(d, "/paths/~1api~1v1~1queues~1{id}~1contacts/get", "cursor")),
                        of("GET /api/v1/queues/{id}/contacts")))
                .anyMatch(p -> p.contains("'cursor' is not"));
        assertThat(problemsOf(
                        changed(d -> removeParameter(d, "/paths/~1api~1v1~1contacts/post", "IdempotencyKey")),
                        of("POST /api/v1/contacts")))
                .anyMatch(p -> p.contains("the Idempotency-Key header is not declared"));
        assertThat(problemsOf(
                        changed(d -> remove(d, "/components/responses/Unavailable/headers", "Retry-After")),
                        of("POST /api/v1/contacts")))
                .anyMatch(p -> p.contains("Retry-After was sent but is not declared"));
        OpenApiConformance withTeam = changed(d -> ((ObjectNode) d.at("/components/schemas/Agent/properties"))
                .putObject("team")
                .put("type", "string"));
        problemsOf(withTeam, of("GET /api/v1/agents/{id}"));
        assertThat(withTeam.unseenProperties())
                .contains("/components/schemas/Agent: team")
                .doesNotContain("/components/schemas/Agent: name");
        assertThat(undriven(
                        changed(d -> ((ObjectNode) d.at("/paths/~1health/get/responses"))
                                .set("418", d.at("/components/responses/NotFound"))),
                        exchanges))
                .contains("GET /health declares 418");
        assertThat(streamProblems(
                        changed(d -> removeField(d, "ContactOffered", "deadline")),
                        messages.stream()
                                .filter(m -> m.path("type").asText().equals("ContactOffered"))
                                .toList()))
                .anyMatch(p -> p.contains("deadline"));
        List<String> extraRoute = new ArrayList<>(center.server.routes());
        extraRoute.add("GET /api/v1/wallboard");
        assertThat(routeDrift(changed(d -> remove(d, "/paths", EVENTS)), extraRoute))
                .containsExactlyInAnyOrder(
                        "registered, not in the document: GET /api/v1/events",
                        "registered, not in the document: GET /api/v1/wallboard");
        assertThat(routeDrift(
                        document,
                        center.server.routes().subList(1, center.server.routes().size())))
                .containsExactly("in the document, not registered: "
                        + center.server.routes().getFirst());
    }

    /** The exchanges with {@code operation}. */
    private List<Exchange> of(String operation) {
        return exchanges.stream().filter(e -> e.operation().equals(operation)).toList();
    }

    private static List<String> routeDrift(OpenApiConformance document, List<String> routes) {
        List<String> drift = new ArrayList<>();
        Set<String> documented = document.operations();
        routes.stream()
                .filter(r -> !documented.contains(r))
                .forEach(r -> drift.add("registered, not in the document: " + r));
        documented.stream()
                .filter(o -> !routes.contains(o))
                .forEach(o -> drift.add("in the document, not registered: " + o));
        return drift;
    }

    private static List<String> problemsOf(OpenApiConformance document, List<Exchange> exchanges) {
        return exchanges.stream().flatMap(e -> document.problemsOf(e).stream()).toList();
    }

    /** "OPERATION declares STATUS" for each declared status no exchange answered (and not in {@link #NOT_DRIVEN}). */
    private static List<String> undriven(OpenApiConformance document, List<Exchange> exchanges) {
        Map<String, Set<Integer>> answered = new TreeMap<>();
        exchanges.forEach(e ->
                answered.computeIfAbsent(e.operation(), o -> new TreeSet<>()).add(e.status()));
        List<String> undriven = new ArrayList<>();
        for (String operation : document.operations()) {
            for (int status : document.declaredStatuses(operation)) {
                if (!answered.getOrDefault(operation, Set.of()).contains(status) && !NOT_DRIVEN.containsKey(status)) {
                    undriven.add(operation + " declares " + status);
                }
            }
        }
        return undriven;
    }

    /** Messages that do not match StreamMessage, and event types declared but never seen. */
    private static List<String> streamProblems(OpenApiConformance document, List<JsonNode> messages) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode message : messages) {
            seen.add(message.path("type").asText());
            document.validate("/components/schemas/StreamMessage", message)
                    .forEach(p -> problems.add("stream message " + p + ": " + message));
        }
        Set<String> declared = new TreeSet<>(List.of("Subscribed", "ResyncRequired"));
        for (JsonNode event : document.document().at("/components/schemas/Event/oneOf")) {
            declared.add(event.get("$ref").asText().substring("#/components/schemas/".length()));
        }
        declared.stream()
                .filter(type -> !seen.contains(type))
                .forEach(type -> problems.add("no " + type + " message was seen on the stream"));
        return problems;
    }

    /** The schemas request bodies refer to, directly or through other schemas. */
    private static Set<String> requestSchemas(JsonNode document) {
        Set<String> found = new TreeSet<>();
        List<JsonNode> bodies = new ArrayList<>();
        document.get("paths").forEach(path -> path.forEach(operation -> bodies.add(operation.path("requestBody"))));
        bodies.forEach(body -> collectReferences(document, body, found));
        return found;
    }

    private static void collectReferences(JsonNode document, JsonNode node, Set<String> found) {
        if (node.has("$ref")) {
            String name = node.get("$ref").asText().substring("#/components/schemas/".length());
            if (found.add(name)) {
                collectReferences(document, document.at("/components/schemas/" + name), found);
            }
        }
        node.forEach(child -> collectReferences(document, child, found));
    }

    private OpenApiConformance changed(Consumer<ObjectNode> change) {
        ObjectNode copy = (ObjectNode) document.document();
        change.accept(copy);
        return new OpenApiConformance(OpenApiConformance.write(copy));
    }

    private static void remove(ObjectNode document, String pointer, String field) {
        ((ObjectNode) document.at(pointer)).remove(field);
    }

    /** Removes the parameter named {@code name} (or referring to the component {@code name}) from an operation. */
    private static void removeParameter(ObjectNode document, String operation, String name) {
        ArrayNode parameters = (ArrayNode) document.at(operation + "/parameters");
        for (int i = parameters.size() - 1; i >= 0; i--) {
            JsonNode p = parameters.get(i);
            if (p.path("name").asText().equals(name) || p.path("$ref").asText().endsWith("/" + name)) {
                parameters.remove(i);
            }
        }
    }

    private static void removeField(ObjectNode document, String schema, String field) {
        remove(document, "/components/schemas/" + schema + "/properties", field);
        JsonNode required = document.at("/components/schemas/" + schema + "/required");
        for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asText().equals(field)) {
                ((ArrayNode) required).remove(i);
            }
        }
    }

    private static void addRequiredField(ObjectNode document, String schema, String field) {
        ((ObjectNode) document.at("/components/schemas/" + schema + "/properties"))
                .putObject(field)
                .put("type", "string");
        ((ArrayNode) document.at("/components/schemas/" + schema + "/required")).add(field);
    }

    /**
     * Interval statistics as the application's projection gives them, through {@link IntervalFigures}: a quiet
     * interval (averages null) and a busy one, for every queue and agent.
     */
    private static final class Figures implements StatisticsSource {
        private static final long QUARTER_MS = 15 * 60_000;

        @Override
        public Optional<QueueStatistics> statisticsOf(String queueId) {
            long start = System.currentTimeMillis() / QUARTER_MS * QUARTER_MS;
            IntervalStats quiet = IntervalStats.empty(queueId, start - QUARTER_MS, start);
            IntervalStats busy = new IntervalStats(
                    queueId, start, start + QUARTER_MS, 3, 2, 1, 1, 1, 0, 0, 1, 0, 2, 5_000, 200_000, 20_000, 4_000);
            return Optional.of(new QueueStatistics(
                    List.of(IntervalFigures.of(quiet), IntervalFigures.of(busy)), IntervalFigures.of(busy)));
        }

        @Override
        public Optional<QueueStatistics> agentStatisticsOf(String agentId) {
            return statisticsOf(agentId);
        }

        /** A quiet period then a busy one, for any subject but "ghost". */
        @Override
        public Optional<List<IntervalStats>> report(
                boolean queue, String subjectId, long fromMs, long toMs, Period period) {
            if (subjectId.equals("ghost")) {
                return Optional.empty();
            }
            long middle = fromMs + (toMs - fromMs) / 2;
            return Optional.of(List.of(
                    IntervalStats.empty(subjectId, fromMs, middle),
                    new IntervalStats(
                            subjectId, middle, toMs, 3, 2, 1, 1, 1, 0, 0, 1, 0, 2, 5_000, 200_000, 20_000, 4_000)));
        }
    }
}
