package org.switchboard.web;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Credential;
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Presence;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.ReasonCodes;
import org.switchboard.core.port.Role;
import org.switchboard.core.view.AgentView;

/**
 * {@code /api/v1/agents}: operators. Administrators define them (each gets an access token, shown once);
 * supervisors and administrators see and steer every agent; an agent sees and steers only itself. A repeat of a
 * creation (same Idempotency-Key) answers without a token the server generated: it was shown once.
 */
final class AgentRoutes {

    private static final String AGENTS = "/api/v1/agents";
    private static final String COLLEAGUES = "/api/v1/colleagues";

    private final Auth auth;
    private final ReasonCodes reasons;
    private final CenterGateway center;
    private final JsonBodies bodies;
    private final AuditTrail audit;
    private final StatisticsSource statistics;

    AgentRoutes(
            Auth auth,
            CenterGateway center,
            JsonBodies bodies,
            AuditTrail audit,
            StatisticsSource statistics,
            ReasonCodes reasons) {
        this.statistics = statistics;
        this.reasons = reasons;
        this.auth = auth;
        this.center = center;
        this.bodies = bodies;
        this.audit = audit;
    }

    void register(RouteTable routes) {
        routes.post(AGENTS, this::create);
        routes.get(AGENTS, this::list);
        routes.get(AGENTS + "/{id}", this::show);
        routes.put(AGENTS + "/{id}", this::replace);
        routes.put(AGENTS + "/{id}/state", this::changeState);
        routes.put(AGENTS + "/{id}/skills", this::changeSkills);
        routes.get(AGENTS + "/{id}/stats", this::stats);
        routes.get(COLLEAGUES, this::colleagues);
    }

    /**
     * The directory a desk picks a colleague from for a transfer: every agent but the caller, with its status and the
     * kinds of contact it could take now. Names and presence only: skills, contacts and load stay with supervisors.
     */
    private void colleagues(Context ctx) {
        Principal principal = auth.require(ctx, Role.ADMIN, Role.SUPERVISOR, Role.AGENT);
        ctx.json(center.view().agents().stream()
                .filter(a -> !a.id().equals(Auth.actingAgent(principal)))
                .map(AgentRoutes::colleagueJson)
                .toList());
    }

    private static Map<String, Object> colleagueJson(AgentView a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", a.id());
        body.put("name", a.name());
        body.put("status", a.status().name());
        body.put("reason", a.reason());
        body.put("statusSince", EventJson.iso(a.statusSinceMs()));
        body.put(
                "canTake",
                Arrays.stream(CapacityClass.values())
                        .filter(a::canTake)
                        .map(CapacityClass::wireName)
                        .toList());
        return body;
    }

    private void create(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        AgentRequest request = bodies.read(ctx, AgentRequest.class);
        AgentConfig config = request.toConfig(request.id());
        String token = Auth.tokenOrNew(request.token());
        Outcome outcome = define(ctx, admin, config, DefinitionMode.CREATE, token);
        audit.recordApplied(outcome, admin, "agent.create", config.id(), "token issued");
        Map<String, Object> body = toJson(agent(config.id()));
        if (Auth.mayShowToken(outcome, request.token())) {
            body.put("token", token);
        }
        Idempotency.replied(ctx, outcome)
                .status(201)
                .header("Location", AGENTS + "/" + config.id())
                .json(body);
    }

    private void replace(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        String id = ctx.pathParam("id");
        AgentRequest request = bodies.read(ctx, AgentRequest.class);
        if (request.id() != null && !request.id().equals(id)) {
            throw ApiException.badRequest("the body's id '" + request.id() + "' differs from the path's '" + id + "'");
        }
        AgentConfig config = request.toConfig(id);
        String token = request.token() == null ? null : Auth.tokenOrNew(request.token());
        Outcome outcome = define(ctx, admin, config, DefinitionMode.REPLACE, token);
        audit.recordApplied(
                outcome, admin, "agent.replace", id, token == null ? "configuration" : "configuration and token");
        Idempotency.replied(ctx, outcome).json(toJson(agent(id)));
    }

    /** A supervisor gives an agent new skills; the rest of its configuration and its token stay. Audited. */
    private void changeSkills(Context ctx) {
        Principal supervisor = auth.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        String id = ctx.pathParam("id");
        Map<String, Integer> skills = bodies.read(ctx, SkillsRequest.class).skills();
        if (skills == null) {
            throw ApiException.badRequest("'skills' is required: each skill's proficiency, like {\"info\":5}");
        }
        Command.ChangeSkills command;
        try {
            command = new Command.ChangeSkills(id, skills);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ApiErrors.messageOr(e, "'skills' are skill names with proficiencies"));
        }
        Outcome outcome = center.submit(command, Idempotency.keyOf(ctx, supervisor));
        audit.recordApplied(outcome, supervisor, "agent.skills", id, String.valueOf(new java.util.TreeMap<>(skills)));
        Idempotency.replied(ctx, outcome).json(toJson(agent(id)));
    }

    /** New skills for an agent, as a supervisor sends them. */
    record SkillsRequest(@Nullable Map<String, Integer> skills) {}

    /**
     * Creates or replaces the agent, with its new token (or none) in the same command, so both are durable
     * together; whether the agent exists, and whether its name or token belongs to someone else, is the engine's
     * to decide.
     */
    private Outcome define(
            Context ctx, Principal admin, AgentConfig config, DefinitionMode mode, @Nullable String token) {
        Credential credential = token == null ? null : Credential.ofToken(token);
        try {
            return center.submit(new Command.DefineAgent(config, mode, credential), Idempotency.keyOf(ctx, admin));
        } catch (ApiException refusal) {
            throw switch (refusal.status()) {
                case 409 ->
                    refusal.getMessage().contains("already exists")
                            ? ApiException.conflict(
                                    refusal.getMessage() + "; PUT " + AGENTS + "/" + config.id() + " replaces it")
                            : refusal;
                case 404 -> ApiException.notFound(refusal.getMessage() + "; POST " + AGENTS + " creates it");
                default -> refusal;
            };
        }
    }

    private void list(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.SUPERVISOR);
        ctx.json(center.view().agents().stream().map(AgentRoutes::toJson).toList());
    }

    private void show(Context ctx) {
        Principal principal = auth.require(ctx, Role.ADMIN, Role.SUPERVISOR, Role.AGENT);
        String id = ctx.pathParam("id");
        Auth.requireSelfOrStaff(principal, id);
        ctx.json(toJson(agent(id)));
    }

    /** An agent's interval figures: supervisors for anyone, an agent for itself. */
    private void stats(Context ctx) {
        Principal principal = auth.require(ctx, Role.ADMIN, Role.SUPERVISOR, Role.AGENT);
        String id = ctx.pathParam("id");
        Auth.requireSelfOrStaff(principal, id);
        agent(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent", id);
        statistics.agentStatisticsOf(id).ifPresent(s -> {
            body.put("intervals", s.intervals());
            body.put("today", s.today());
        });
        ctx.json(body);
    }

    private void changeState(Context ctx) {
        Principal principal = auth.require(ctx, Role.ADMIN, Role.SUPERVISOR, Role.AGENT);
        String id = ctx.pathParam("id");
        Auth.requireSelfOrStaff(principal, id);
        StateRequest request = bodies.read(ctx, StateRequest.class);
        Presence presence = request.presence();
        if (presence == Presence.NOT_READY) {
            ReasonRoutes.requireGiven(reasons, principal, ReasonCodes.Kind.NOT_READY, request.reason());
        }
        center.submit(new Command.ChangePresence(id, presence, request.reason()));
        if (principal.role() != Role.AGENT) {
            audit.recordApplied(principal, "agent.state", id, presence.name());
        }
        ctx.json(toJson(agent(id)));
    }

    private @Nullable AgentView find(String id) {
        return center.view().agent(id).orElse(null);
    }

    private AgentView agent(String id) {
        AgentView agent = find(id);
        if (agent == null) {
            throw ApiException.notFound("no agent '" + id + "'");
        }
        return agent;
    }

    static Map<String, Object> toJson(AgentView a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", a.id());
        body.put("name", a.name());
        body.put("skills", a.skills());
        body.put("capacity", byWireName(a.capacity()));
        body.put("voiceExclusive", a.voiceExclusive());
        body.put("status", a.status().name());
        body.put("reason", a.reason());
        body.put("statusSince", EventJson.iso(a.statusSinceMs()));
        body.put("load", byWireName(a.load()));
        body.put("contacts", a.contacts().stream().map(UUID::toString).toList());
        body.put("queues", a.queues());
        body.put("consultedOn", a.consultedOn() == null ? null : a.consultedOn().toString());
        body.put("consultedBy", a.consultedBy());
        return body;
    }

    private static Map<String, Integer> byWireName(Map<CapacityClass, Integer> counts) {
        Map<String, Integer> json = new LinkedHashMap<>();
        for (CapacityClass c : CapacityClass.values()) {
            json.put(c.wireName(), counts.getOrDefault(c, 0));
        }
        return json;
    }

    /** An agent as clients send it; {@code capacity} keys are voice, text (or sms, ussd, web) and email. */
    record AgentRequest(
            @Nullable String id,
            @Nullable String name,
            @Nullable Map<String, Integer> skills,
            @Nullable Map<String, Integer> capacity,
            @Nullable Boolean voiceExclusive,
            @Nullable String token) {

        private static final Map<String, CapacityClass> CAPACITY_NAMES = Map.of(
                "voice",
                CapacityClass.VOICE,
                "callback",
                CapacityClass.VOICE,
                "text",
                CapacityClass.TEXT,
                "sms",
                CapacityClass.TEXT,
                "ussd",
                CapacityClass.TEXT,
                "web",
                CapacityClass.TEXT,
                "email",
                CapacityClass.EMAIL);

        AgentConfig toConfig(@Nullable String agentId) {
            if (agentId == null) {
                throw ApiException.badRequest("'id' is required");
            }
            // no name is the id, no skills are none: as the model reads them
            return new AgentConfig(
                    agentId,
                    name == null ? agentId : name,
                    skills == null ? Map.of() : skills,
                    capacityClasses(),
                    voiceExclusive == null || voiceExclusive);
        }

        private Map<CapacityClass, Integer> capacityClasses() {
            if (capacity == null) {
                return AgentConfig.DEFAULT_CAPACITY;
            }
            Map<CapacityClass, Integer> classes = new EnumMap<>(CapacityClass.class);
            capacity.forEach((name, count) -> {
                CapacityClass c = CAPACITY_NAMES.get(name.toLowerCase(Locale.ROOT));
                if (c == null) {
                    throw ApiException.badRequest("unknown capacity '" + name + "'; expected voice, text or email");
                }
                Integer before = classes.put(c, count);
                if (before != null && !before.equals(count)) {
                    throw ApiException.badRequest(
                            "capacity '" + name + "' contradicts another name of " + c.wireName());
                }
            });
            return classes;
        }
    }

    /** The presence an agent asks for; WRAP_UP follows from its contacts and cannot be set. */
    record StateRequest(@Nullable String state, @Nullable String reason) {

        Presence presence() {
            if (state == null) {
                throw ApiException.badRequest("'state' is required: READY, NOT_READY or LOGGED_OUT");
            }
            String name = state.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (name.equals("WRAP_UP")) {
                throw ApiException.badRequest("WRAP_UP cannot be set: it follows from completing a contact");
            }
            try {
                return Presence.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(
                        "unknown state '" + state + "'; expected one of " + List.of(Presence.values()));
            }
        }
    }
}
