package org.switchboard.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads request bodies into request records, strictly: malformed JSON, unknown fields, duplicate keys and values
 * of the wrong type are refused with 400 naming the field; a body over the size limit is refused with 413.
 * Thread-safe.
 */
final class JsonBodies {

    private static final String BODY_READ = "switchboard.body";
    private static final byte[] NO_BODY = new byte[0];

    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    /** The bytes of the body this class read for the request; empty when it read none. */
    static byte[] bodyRead(Context ctx) {
        byte[] body = ctx.attribute(BODY_READ);
        return body == null ? NO_BODY : body;
    }

    JsonBodies(ObjectMapper mapper, long maxBodyBytes) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * The mapper the API reads and writes JSON with. Its buffers come from a pool shared by all threads: the
     * default pool is per thread, and every request runs on a new virtual thread, so it would allocate fresh
     * buffers (about 10 KB) for every response.
     */
    static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The body as a {@code type}; an empty body is refused. */
    <T> T read(Context ctx, Class<T> type) {
        byte[] body = bytes(ctx);
        if (isBlank(body)) {
            throw ApiException.badRequest("a JSON body is required");
        }
        return parse(body, type);
    }

    /** The body as a {@code type}, or {@code whenEmpty} when the request has no body. */
    <T> T readOptional(Context ctx, Class<T> type, T whenEmpty) {
        byte[] body = bytes(ctx);
        return isBlank(body) ? whenEmpty : parse(body, type);
    }

    /** Reads exactly the declared length when there is one (the usual case), so no oversize buffer is allocated. */
    private byte[] bytes(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw ApiErrors.tooLarge();
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = declared >= 0 ? readDeclared(in, (int) declared)
                    : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw ApiErrors.tooLarge();
            }
            ctx.attribute(BODY_READ, body);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }

    private static byte[] readDeclared(InputStream in, int length) throws IOException {
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
            throw new ApiException(400, "unknown_field", "unknown field '" + pathOf(e) + "'; known fields are "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")));
        } catch (StreamReadException e) {
            throw new ApiException(400, "malformed_json", "the body is not well-formed JSON: "
                    + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            throw ApiException.badRequest(describe(e));
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed_json", "the body is not well-formed JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(JsonMappingException e) {
        String path = pathOf(e);
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException invalid) {
            return path.isEmpty() ? invalid.getMessage() : "'" + path + "': " + invalid.getMessage();
        }
        return path.isEmpty() ? "the body does not have the expected shape: " + e.getOriginalMessage()
                : "field '" + path + "' has the wrong type or value";
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
