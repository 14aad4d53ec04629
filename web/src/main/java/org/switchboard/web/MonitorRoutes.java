package org.switchboard.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.CallMonitoring;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.StoreUnavailableException;

/**
 * {@code /api/v1/contacts/{id}/monitor}: a supervisor listens in on a live voice conversation, whispers to the agent
 * or barges in, from the supervisor's own registered phone, which the voice channel rings ({@link CallMonitoring});
 * posting again with another mode changes the mode; DELETE takes the supervisor out. Every start, change and stop is
 * audited (action {@code contact.monitor}, subject: the contact); one that cannot be audited is undone and answered
 * 503, so no supervisor hears a conversation the audit does not show.
 */
final class MonitorRoutes {

    private static final String MONITOR = "/api/v1/contacts/{id}/monitor";
    private static final String ACTION = "contact.monitor";

    private final Auth auth;
    private final JsonBodies bodies;
    private final AuditTrail audit;
    private final Supplier<CallMonitoring> monitoring;

    MonitorRoutes(Auth auth, JsonBodies bodies, AuditTrail audit, Supplier<CallMonitoring> monitoring) {
        this.auth = auth;
        this.bodies = bodies;
        this.audit = audit;
        this.monitoring = monitoring;
    }

    void register(RouteTable routes) {
        routes.post(MONITOR, this::monitor);
        routes.delete(MONITOR, this::stop);
    }

    private void monitor(Context ctx) {
        Principal supervisor = auth.require(ctx, Role.SUPERVISOR, Role.ADMIN);
        UUID contact = ContactRoutes.contactId(ctx);
        CallMonitoring.Mode mode = bodies.read(ctx, MonitorRequest.class).parsedMode();
        CallMonitoring voice = monitoring.get();
        CallMonitoring.Result result = voice.monitor(contact, supervisor.name(), mode);
        switch (result) {
            case NOT_CONNECTED ->
                throw new ApiException(
                        409, "not_connected", "contact " + contact + " is not a voice call bridged to an agent now");
            case NO_PHONE ->
                throw new ApiException(
                        409,
                        "phone_not_registered",
                        "the phone of '" + supervisor.name() + "' is not registered (credentials from POST"
                                + " /api/v1/users/" + supervisor.name() + "/sip-credentials)");
            case TAKEN -> throw new ApiException(409, "monitored", "another supervisor is in this conversation");
            case RINGING, CHANGED -> {}
        }
        String word = mode.name().toLowerCase(Locale.ROOT);
        try {
            audit.record(
                    supervisor,
                    ACTION,
                    contact.toString(),
                    word + (result == CallMonitoring.Result.CHANGED ? " (mode changed)" : " (phone rung)"));
        } catch (StoreUnavailableException e) {
            voice.stop(contact, supervisor.name());
            throw ApiException.unavailable("the audit log cannot be written, so nobody listens in; retry shortly");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contactId", contact.toString());
        body.put("supervisor", supervisor.name());
        body.put("mode", word);
        body.put("state", result == CallMonitoring.Result.RINGING ? "ringing" : "changed");
        ctx.status(202).json(body);
    }

    /** Idempotent, as DELETE is: a supervisor who was not in the conversation is 204 too (and not audited). */
    private void stop(Context ctx) {
        Principal supervisor = auth.require(ctx, Role.SUPERVISOR, Role.ADMIN);
        UUID contact = ContactRoutes.contactId(ctx);
        if (monitoring.get().stop(contact, supervisor.name())) {
            audit.recordApplied(supervisor, ACTION, contact.toString(), "stopped");
        }
        ctx.status(204);
    }

    /** What a supervisor asks: {@code mode} is listen, whisper or barge. */
    record MonitorRequest(@Nullable String mode) {

        CallMonitoring.Mode parsedMode() {
            if (mode == null) {
                throw ApiException.badRequest("'mode' is required: listen, whisper or barge");
            }
            return switch (mode) {
                case "listen" -> CallMonitoring.Mode.LISTEN;
                case "whisper" -> CallMonitoring.Mode.WHISPER;
                case "barge" -> CallMonitoring.Mode.BARGE;
                default -> throw ApiException.badRequest("unknown mode; expected listen, whisper or barge");
            };
        }
    }
}
