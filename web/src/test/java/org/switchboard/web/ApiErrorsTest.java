package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.core.model.InvalidValueException;

/** Which failures may speak to the client, and how much of the client's own input a detail repeats. */
class ApiErrorsTest {

    @Test
    void theModelsRulesAreToldToTheClient() {
        var answer =
                ApiErrors.answerFor(new InvalidValueException("capacity of VOICE must be 0..50, was 99"), "POST /x");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.getMessage()).isEqualTo("capacity of VOICE must be 0..50, was 99");
    }

    @Test
    void anIllegalArgumentFromInsideALibraryIsAPlainBadRequest() {
        var decoder = ApiErrors.answerFor(
                new IllegalArgumentException(
                        "URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: \"zz\""),
                "GET /x");
        var number = ApiErrors.answerFor(new NumberFormatException("For input string: \"abc\""), "GET /x");

        assertThat(decoder.status()).isEqualTo(400);
        assertThat(decoder.getMessage()).isEqualTo("the request is invalid");
        assertThat(number.getMessage()).isEqualTo("the request is invalid");
    }

    @Test
    void anyOtherFailureIsAnInternalErrorThatSaysNothingMore() {
        var answer = ApiErrors.answerFor(new IllegalStateException("pool java.util.concurrent exhausted"), "GET /x");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.getMessage()).doesNotContain("pool", "java");
    }

    @Test
    void quotedInputIsCutAndTheRestOfTheSentenceKept() {
        String detail = ApiErrors.shown("unknown strategy '" + "r".repeat(5_000) + "'; expected longest-idle");

        assertThat(detail)
                .isEqualTo("unknown strategy '" + "r".repeat(ApiErrors.MAX_QUOTED_CHARS) + "…'; expected longest-idle");
        assertThat(ApiErrors.shown("no queue 'info'")).isEqualTo("no queue 'info'");
        String apostrophes = "'number' is a telephone number: 3 to 20 digits, a + before them if international;"
                + " default: the contact's own number";
        assertThat(ApiErrors.shown(apostrophes))
                .as("an apostrophe inside a word neither opens nor closes a quotation")
                .isEqualTo(apostrophes);
    }

    @Test
    void aLongDetailIsCutWithoutSplittingACharacter() {
        String emoji = "\uD83D\uDCDE"; // a telephone receiver: two UTF-16 units
        String detail = ApiErrors.shown("no such resource: GET /" + emoji.repeat(1_000));

        assertThat(detail).hasSizeLessThanOrEqualTo(ApiErrors.MAX_DETAIL_CHARS).endsWith("…");
        assertThat(Character.isHighSurrogate(detail.charAt(detail.length() - 2)))
                .isFalse();
    }

    @Test
    void aJavaErrorInAHandlerIsAnswered500InJson() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        Map<String, Object> set = new HashMap<>();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isCommitted" -> false;
                    case "getOutputStream" ->
                        new ServletOutputStream() {
                            @Override
                            public void write(int b) {
                                written.write(b);
                            }

                            @Override
                            public boolean isReady() {
                                return true;
                            }

                            @Override
                            public void setWriteListener(WriteListener listener) {}
                        };
                    default -> {
                        set.put(method.getName(), args == null ? null : args[0]);
                        yield null;
                    }
                });

        ApiErrors.fatal(response, new StackOverflowError(), JsonBodies.newMapper());

        assertThat(set).containsEntry("setStatus", 500).containsEntry("setContentType", "application/json");
        assertThat(written.toString(StandardCharsets.UTF_8)).startsWith("{\"error\":\"internal\",\"detail\":");
    }
}
