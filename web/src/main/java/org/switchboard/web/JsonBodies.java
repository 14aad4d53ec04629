package org.switchboard.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.InvalidValueException;

/**
 * Reads request bodies into request records, strictly: a body must be declared JSON ({@code Content-Type:
 * application/json} or {@code application/*+json}, in UTF-8; no Content-Type at all is taken as JSON), else 415;
 * malformed JSON, unknown fields, duplicate keys and values of the wrong type (a number where a string is expected,
 * too) are refused with 400 naming the field; a body over the size limit is refused with 413. Details never quote
 * Jackson's messages, which name Java types. Thread-safe.
 */
final class JsonBodies {

    private static final String BODY_READ = "switchboard.body";
    private static final byte[] NO_BODY = new byte[0];

    private final ObjectMapper mapper;
    private final long maxBodyBytes;
    private final long bodyGraceMs;

    /** The bytes of the body this class read for the request; empty when it read none. */
    static byte[] bodyRead(Context ctx) {
        byte[] body = ctx.attribute(BODY_READ);
        return body == null ? NO_BODY : body;
    }

    /** {@code bodyGraceMs}: a body may arrive slowly for this long, then at {@link PacedBody}'s pace (else 408). */
    JsonBodies(ObjectMapper mapper, long maxBodyBytes, long bodyGraceMs) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyGraceMs = bodyGraceMs;
    }

    /**
     * The mapper the API reads and writes JSON with. Its buffers come from a pool shared by all threads: the
     * default pool is per thread, and every request runs on a new virtual thread, so it would allocate fresh
     * buffers (about 10 KB) for every response.
     */
    static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(
                        LogicalType.Textual,
                        text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .addModule(TextRules.module())
                .build();
    }

    long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The mapper bodies are read with. */
    ObjectMapper mapper() {
        return mapper;
    }

    /** The body as a {@code type}; an empty body is refused. */
    <T> T read(Context ctx, Class<T> type) {
        return read(ctx, type, maxBodyBytes);
    }

    /** {@link #read(Context, Class)} with a body limit of its own (planning's histories are larger than commands). */
    <T> T read(Context ctx, Class<T> type, long limit) {
        byte[] body = bytes(ctx, true, limit);
        if (isBlank(body)) {
            throw ApiException.badRequest("a JSON body is required");
        }
        return objectOf(parse(body, type));
    }

    /** A body of JSON {@code null} is no object: refused like an empty one. */
    private static <T> T objectOf(@Nullable T parsed) {
        if (parsed == null) {
            throw ApiException.badRequest("the body must be a JSON object, not null");
        }
        return parsed;
    }

    /** The body as a {@code type}, or {@code whenEmpty} when the request has no body. */
    <T> T readOptional(Context ctx, Class<T> type, T whenEmpty) {
        byte[] body = bytes(ctx);
        return isBlank(body) ? whenEmpty : objectOf(parse(body, type));
    }

    /**
     * Reads exactly the declared length when there is one (the usual case), so no oversize buffer is allocated. A
     * body that breaks off or stops arriving is the client's failure (400, or 408 after the idle timeout).
     */
    private byte[] bytes(Context ctx) {
        return bytes(ctx, true, maxBodyBytes);
    }

    /** The raw body of a request that is not JSON (a form), read with the same limits and failures. */
    byte[] raw(Context ctx) {
        return bytes(ctx, false, maxBodyBytes);
    }

    private byte[] bytes(Context ctx, boolean json, long maxBodyBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw ApiErrors.tooLarge();
        }
        byte[] body;
        try (InputStream in = new PacedBody(ctx.bodyInputStream(), bodyGraceMs)) {
            body = declared >= 0
                    ? readDeclared(in, (int) declared)
                    : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (body.length > maxBodyBytes) {
            throw ApiErrors.tooLarge();
        }
        if (json && body.length > 0 && !isJson(ctx.req().getContentType())) {
            throw ApiErrors.unsupportedMediaType();
        }
        ctx.attribute(BODY_READ, body);
        return body;
    }

    private static ApiException unreadable(IOException e) {
        if (e.getCause() instanceof TimeoutException) {
            return ApiErrors.timedOut();
        }
        return new ApiException(
                400, "bad_request", "the request body could not be read: it broke off or is not " + "valid HTTP");
    }

    /**
     * Whether a body of this Content-Type is read as JSON: none given, {@code application/json} or
     * {@code application/*+json}, with no charset or UTF-8 (the only charset JSON is exchanged in, RFC 8259).
     */
    private static boolean isJson(@Nullable String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";", -1);
        String type = parts[0].strip();
        boolean json = type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.startsWith("charset=")
                    && !parameter.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return json;
    }

    /**
     * Refuses (400) a request whose Content-Type has a parameter that is not {@code name=value}, such as a bare
     * {@code charset}: the request's charset cannot be told, and the query string is decoded in it. Runs before every
     * route; an empty parameter (a trailing ';') is allowed, as RFC 9110 allows it.
     */
    static void refuseMalformedContentType(Context ctx) {
        String contentType = ctx.req().getContentType();
        if (contentType == null) {
            return;
        }
        String[] parts = contentType.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (!parameter.isEmpty() && (equals < 1 || equals == parameter.length() - 1)) {
                throw new ApiException(
                        400,
                        "bad_request",
                        "the Content-Type header is malformed: its parameters "
                                + "must be name=value, as in 'application/json; charset=utf-8'");
            }
        }
    }

    /** Bodies up to this size are read into a buffer of their declared size; larger ones grow as bytes arrive. */
    private static final int PREALLOCATED_BYTES = 64 << 10;

    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        if (length > PREALLOCATED_BYTES) {
            // a client that announces 16 MB and sends a byte now and then must not hold 16 MB of heap: 60 of them
            // ran a 512 MiB heap out of memory
            return in.readNBytes(length);
        }
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        return read == length ? body : Arrays.copyOf(body, read);
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private <T> T parse(byte[] body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ApiException(
                    400,
                    "unknown_field",
                    "unknown field '" + pathOf(e) + "'; known fields are "
                            + e.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            throw ApiException.badRequest(describe(e));
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest(beyondLimit(e) + where(e));
        } catch (InputCoercionException e) {
            throw ApiException.badRequest("a number in the body is out of range" + where(e));
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed_json", "the body is not well-formed JSON" + where(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1
                ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** Well-formed JSON that goes beyond what is read (a number of over 1,000 digits). */
    private static String beyondLimit(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Number value length")) {
            return "a number in the body has more than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits";
        }
        return "the body goes beyond the limits of what is read (its nesting, a string's or a name's length)";
    }

    /** What is wrong with a well-formed body, in the client's terms: the field and what it must be. */
    private static String describe(JsonMappingException e) {
        String path = pathOf(e);
        Throwable cause = e.getCause();
        if (cause instanceof InvalidValueException || cause instanceof ApiException) {
            String said = ApiErrors.messageOr(cause, "the value is invalid");
            return path.isEmpty() ? said : "'" + path + "': " + said;
        }
        if (cause instanceof InputCoercionException) {
            return path.isEmpty() ? "a number in the body is out of range" : "field '" + path + "' is out of range";
        }
        String expected = e instanceof MismatchedInputException mismatch ? expected(mismatch.getTargetType()) : null;
        if (path.isEmpty()) {
            return expected == null ? "the body does not have the expected shape" : "the body must be " + expected;
        }
        return expected == null
                ? "field '" + path + "' has the wrong type or value"
                : "field '" + path + "' must be " + expected;
    }

    /** The JSON a Java type is read from, or null when that takes more than a few words to say. */
    private static @Nullable String expected(@Nullable Class<?> type) {
        if (type == null) {
            return null;
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == int.class
                || type == long.class
                || type == short.class
                || type == Integer.class
                || type == Long.class
                || type == Short.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return type.isRecord() || Map.class.isAssignableFrom(type) ? "an object" : null;
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
