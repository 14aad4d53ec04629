package org.switchboard.web;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Request bodies are read as they come: a body that says it is compressed ({@code Content-Encoding: gzip}) would be
 * parsed as if it were not, and a plain body labelled so was served on a guess. Such a request is refused with 415
 * before any route (RFC 9110 §15.5.16), whatever its body; {@code identity} is no coding.
 */
final class BodyCoding {

    private BodyCoding() {}

    /** Refuses (415 {@code unsupported_media_type}) a request with a body and a content coding. */
    static void refuseEncoded(Context ctx) {
        String coding = ctx.header("Content-Encoding");
        boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
        if (coding != null
                && hasBody
                && !coding.strip().toLowerCase(Locale.ROOT).equals("identity")) {
            throw new ApiException(
                    415,
                    "unsupported_media_type",
                    "request bodies are read as sent, not decompressed: send the body without Content-Encoding");
        }
    }
}
