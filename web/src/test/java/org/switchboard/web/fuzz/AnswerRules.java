package org.switchboard.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every answer of the API must look like, whatever was asked: a 2xx with JSON (text for {@code /metrics}; what
 * the contract declares for an operation whose successes are not JSON, such as the USSD gateway's screens), or a
 * 4xx or 503 whose body is the JSON error {@code {"error": code, "detail": sentence}} served as
 * {@code application/json}, with a detail of at most {@value #MAX_DETAIL_CHARS} characters that names no Java class,
 * stack frame, JSON library message, SQL or hash. Never a 500, never HTML, never no answer at all. Stateless.
 */
public final class AnswerRules {

    static final int MAX_DETAIL_CHARS = 300;
    /**
     * Fields an error body may carry beside error and detail (an ended contact's state, what to check on 503, the
     * callback a subscriber has already arranged): the properties of the document's {@code Error} schema.
     */
    static final Set<String> ERROR_FIELDS =
            Set.of("error", "detail", "state", "contactId", "idempotencyKey", "current", "callback");

    private static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("(?i)<\\s*(html|body|pre|h1)\\b"),
            Pattern.compile(
                    "\\b(java|javax|jakarta|sun|jdk|com\\.fasterxml|io\\.javalin|org\\.eclipse|org\\.switchboard"
                            + "|org\\.h2|org\\.postgresql|com\\.zaxxer|org\\.flywaydb|org\\.slf4j)\\.[a-z]"),
            Pattern.compile("\\w*(Exception|Throwable)\\b|\\b[A-Z]\\w*Error\\b"),
            Pattern.compile(
                    "\\tat |\\bat [a-z]\\w*\\.[a-z]\\w*\\.|\\.java:\\d+|Caused by|\\$\\$Lambda|\\w@[0-9a-f]{6,}\\b"),
            Pattern.compile("SQLSTATE|(?i)syntax error at or near|\\bjdbc:|(?i)violates \\w+ constraint"
                    + "|(?i)\\bselect\\b[^.]{1,80}\\bfrom\\b|(?i)\\binsert into\\b|\\bERROR: "),
            Pattern.compile("Cannot deserialize|Unrecognized field|of type `|\\[Source: |through reference chain"),
            Pattern.compile("\\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{40,}\\b"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerRules() {}

    /** The rules {@code answer} breaks; empty when it is a proper answer. {@code path} is the path asked for. */
    public static List<String> broken(String path, Wire.Answer answer) {
        return broken(path, answer, Set.of());
    }

    /**
     * As {@link #broken(String, Wire.Answer)}, for an operation whose successes the contract declares as
     * {@code successTypes} (empty: JSON).
     */
    public static List<String> broken(String path, Wire.Answer answer, Set<String> successTypes) {
        List<String> broken = new ArrayList<>();
        int status = answer.status();
        if (status == Wire.Answer.NONE) {
            broken.add("no answer (" + answer.body() + ")");
        } else if (status >= 200 && status < 300) {
            success(path, answer, successTypes, broken);
        } else if (status >= 400 && status < 500 || status == 503) {
            error(answer, broken);
        } else {
            broken.add("status " + status + " is neither a success nor a refusal");
            error(answer, broken);
        }
        return broken;
    }

    private static void success(String path, Wire.Answer answer, Set<String> successTypes, List<String> broken) {
        if (path.startsWith("/metrics") || answer.status() == 204) {
            return;
        }
        String served = answer.contentType().split(";", 2)[0].trim();
        if (!served.equals("application/json") && successTypes.contains(served)) {
            return; // a declared text, CSV or audio answer
        }
        if (!answer.contentType().startsWith("application/json")) {
            broken.add("a success served as '" + answer.contentType() + "', not application/json");
        }
        if (parse(answer.body()) == null) {
            broken.add("a success whose body is not JSON");
        }
    }

    private static void error(Wire.Answer answer, List<String> broken) {
        if (!answer.contentType().startsWith("application/json")) {
            broken.add("an error served as '" + answer.contentType() + "', not application/json");
        }
        JsonNode body = parse(answer.body());
        if (body == null || !body.isObject()) {
            broken.add("an error body that is not a JSON object");
            leaks(answer.body(), broken);
            return;
        }
        if (!body.path("error").isTextual() || body.path("error").asText().isBlank()) {
            broken.add("an error body without a text 'error'");
        }
        if (!body.path("detail").isTextual()) {
            broken.add("an error body without a text 'detail'");
        } else if (body.get("detail").asText().length() > MAX_DETAIL_CHARS) {
            broken.add("a detail of " + body.get("detail").asText().length() + " characters");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!ERROR_FIELDS.contains(f)) {
                broken.add("an error body with field '" + f + "'");
            }
        });
        leaks(body.path("error").asText("") + "\n" + body.path("detail").asText(""), broken);
    }

    private static void leaks(String text, List<String> broken) {
        for (Pattern internal : INTERNALS) {
            var found = internal.matcher(text);
            if (found.find()) {
                broken.add("internals in the error: '" + found.group() + "'");
            }
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
