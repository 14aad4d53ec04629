package org.switchboard.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Role;
import org.switchboard.selfservice.UssdScreen;
import org.switchboard.selfservice.UssdSessions;

/**
 * {@code POST /api/v1/ussd}: the HTTP USSD gateway many operators front USSD with (the form of Africa's Talking and
 * its like): {@code sessionId}, {@code serviceCode}, {@code phoneNumber} and {@code text} (every answer of the
 * session so far, joined by {@code *}) in a form; the answer is {@code CON} and the next screen, or {@code END} and
 * the last, as plain text. The same menu and sessions as USSD over SMPP. For channel principals (the gateway is a
 * machine); refusals are JSON as everywhere.
 */
final class UssdRoutes {

    static final String USSD = "/api/v1/ussd";
    static final String CHANNEL = "ussd-http";
    private static final Pattern SESSION_ID = Pattern.compile("[\\x21-\\x7e]{1,100}");
    private static final Pattern INTERNATIONAL = Pattern.compile("\\+[0-9]{3,20}");
    private static final int MAX_TEXT = 182;

    private final Auth auth;
    private final Supplier<@Nullable UssdService> ussd;

    /** The form's fields, as the document names them. */
    record UssdRequest(String sessionId, String serviceCode, String phoneNumber, String text) {}

    /** The menu's sessions and the service code they answer. */
    record UssdService(UssdSessions sessions, String serviceCode) {}

    UssdRoutes(Auth auth, Supplier<@Nullable UssdService> ussd) {
        this.auth = auth;
        this.ussd = ussd;
    }

    void register(RouteTable routes) {
        routes.post(USSD, this::answer);
    }

    private void answer(Context ctx) {
        auth.require(ctx, Role.CHANNEL);
        UssdService service = ussd.get();
        if (service == null) {
            throw ApiException.unavailable("USSD is not served by this center (no subscriber registry to serve it)");
        }
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            throw new ApiException(
                    415, "unsupported_media_type", "a USSD request is a form: application/x-www-form-urlencoded");
        }
        UssdRequest request = read(ctx, service.serviceCode());
        UssdScreen screen = walk(service.sessions(), request.phoneNumber(), request.sessionId(), request.text());
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result((screen.goesOn() ? "CON " : "END ") + screen.text());
    }

    /**
     * The screen after the last answer of {@code text}; a session this center does not hold (it restarted, or the
     * session timed out) is walked again from the start with the answers the gateway repeats.
     */
    private static UssdScreen walk(UssdSessions sessions, String msisdn, String sessionId, String text) {
        List<String> answers = text.isEmpty() ? List.of() : List.of(text.split("\\*", -1));
        if (!answers.isEmpty()) {
            UssdScreen next = sessions.answer(msisdn, sessionId, answers.getLast());
            if (next != null) {
                return next;
            }
        }
        UssdScreen screen = sessions.begin(msisdn, sessionId, CHANNEL);
        for (String answer : answers) {
            if (!screen.goesOn()) {
                break;
            }
            UssdScreen next = sessions.answer(msisdn, sessionId, answer);
            if (next == null) {
                break;
            }
            screen = next;
        }
        return screen;
    }

    /** The form, every field checked; {@code text} empty when absent. */
    private static UssdRequest read(Context ctx, String servedCode) {
        String sessionId = required(ctx, "sessionId", SESSION_ID, "1 to 100 printable ASCII characters");
        String msisdn = required(ctx, "phoneNumber", INTERNATIONAL, "an MSISDN in international form, +79120000001");
        String serviceCode = single(ctx, "serviceCode");
        if (!servedCode.equals(serviceCode)) {
            throw ApiException.badRequest("'serviceCode': this center serves " + servedCode);
        }
        String text = single(ctx, "text");
        text = text == null ? "" : text;
        if (text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(
                    "'text': the answers so far joined by '*', at most 182 characters, no controls");
        }
        return new UssdRequest(sessionId, serviceCode, msisdn, text);
    }

    private static String required(Context ctx, String name, Pattern form, String rule) {
        String value = single(ctx, name);
        if (value == null || !form.matcher(value).matches()) {
            throw ApiException.badRequest("'" + name + "' is required: " + rule);
        }
        return value;
    }

    private static @Nullable String single(Context ctx, String name) {
        List<String> values = ctx.formParams(name);
        if (values.size() > 1) {
            throw ApiException.badRequest("'" + name + "' is given more than once");
        }
        return values.isEmpty() ? null : values.getFirst();
    }
}
