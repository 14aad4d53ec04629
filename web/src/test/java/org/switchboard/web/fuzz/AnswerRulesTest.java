package org.switchboard.web.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fuzzer's oracle bites: each kind of malformed answer is named, and a proper one passes. */
class AnswerRulesTest {

    private static final Map<String, String> JSON = Map.of("content-type", "application/json");

    /** The fields an error may carry are the document's: a field the server adds is declared there first. */
    @Test
    void theErrorFieldsAllowedAreThoseOfTheDocumentsErrorSchema() throws java.io.IOException {
        try (var document = AnswerRulesTest.class.getResourceAsStream("/openapi.json")) {
            var properties = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(document)
                    .at("/components/schemas/Error/properties");
            java.util.Set<String> declared = new java.util.TreeSet<>();
            properties.fieldNames().forEachRemaining(declared::add);

            assertThat(declared).containsExactlyInAnyOrderElementsOf(AnswerRules.ERROR_FIELDS);
        }
    }

    @Test
    void aProperRefusalAndAProperSuccessBreakNoRule() {
        assertThat(AnswerRules.broken(
                        "/api/v1/queues",
                        answer(404, JSON, "{\"error\":\"not_found\"," + "\"detail\":\"no queue 'x'\"}")))
                .isEmpty();
        assertThat(AnswerRules.broken(
                        "/api/v1/contacts/x/accept",
                        answer(
                                409,
                                JSON,
                                "{\"error\":\"illegal_state\","
                                        + "\"detail\":\"contact x has ended\",\"state\":\"COMPLETED\"}")))
                .isEmpty();
        assertThat(AnswerRules.broken("/api/v1/queues", answer(200, JSON, "[]")))
                .isEmpty();
        assertThat(AnswerRules.broken("/metrics", answer(200, Map.of("content-type", "text/plain"), "# x")))
                .isEmpty();
    }

    @Test
    void aServerErrorHtmlAndNoAnswerAreNamed() {
        assertThat(AnswerRules.broken("/x", answer(500, JSON, "{\"error\":\"internal\",\"detail\":\"a bug\"}")))
                .anyMatch(rule -> rule.contains("status 500"));
        assertThat(AnswerRules.broken(
                        "/x", answer(400, Map.of("content-type", "text/html"), "<html><body>Bad</body></html>")))
                .anyMatch(rule -> rule.contains("text/html"))
                .anyMatch(rule -> rule.contains("internals"));
        assertThat(AnswerRules.broken("/x", answer(Wire.Answer.NONE, Map.of(), "reset")))
                .anyMatch(rule -> rule.startsWith("no answer"));
        assertThat(AnswerRules.broken("/x", answer(200, Map.of("content-type", "text/html"), "<p>ok</p>")))
                .isNotEmpty();
    }

    @Test
    void internalsInADetailAreNamed() {
        for (String detail : new String[] {
            "java.lang.NullPointerException",
            "at org.switchboard.web.X.y(X.java:12)",
            "Cannot deserialize value of type `int` from String",
            "ERROR: syntax error at or near \\\"x\\\"",
            "SQLSTATE 23505",
            "hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "IllegalStateError"
        }) {
            assertThat(AnswerRules.broken(
                            "/x", answer(400, JSON, "{\"error\":\"invalid\",\"detail\":\"" + detail + "\"}")))
                    .as(detail)
                    .isNotEmpty();
        }
    }

    @Test
    void aMalformedErrorBodyIsNamed() {
        assertThat(AnswerRules.broken("/x", answer(400, JSON, "{\"error\":\"invalid\"}")))
                .anyMatch(rule -> rule.contains("'detail'"));
        assertThat(AnswerRules.broken(
                        "/x", answer(400, JSON, "{\"error\":\"invalid\",\"detail\":\"" + "a".repeat(301) + "\"}")))
                .anyMatch(rule -> rule.contains("301 characters"));
        assertThat(AnswerRules.broken("/x", answer(400, JSON, "{\"error\":\"invalid\",\"detail\":\"x\",\"trace\":1}")))
                .anyMatch(rule -> rule.contains("'trace'"));
    }

    private static Wire.Answer answer(int status, Map<String, String> headers, String body) {
        return new Wire.Answer(status, headers, body);
    }
}
