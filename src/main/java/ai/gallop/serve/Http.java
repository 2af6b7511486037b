package ai.gallop.serve;

import ai.gallop.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers every API shares: JSON responses, error bodies, body size and content type checks. */
final class Http {
    private static final ObjectWriter COMPACT = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private Http() {}

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    /** One line of JSON, as server-sent events need. */
    static String compact(Object body) {
        try {
            return COMPACT.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The error body: {"error": {"code", "message", "param", "type"}}; DashScope callers also read a top-level
     * "code" and "message" (in DashScope's spelling) and a "request_id", so the DashScope paths get those too.
     */
    static void error(Context ctx, ApiError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        error.put("param", e.param());
        error.put("type", e.status() >= 500 ? "server_error" : "invalid_request_error");
        Map<String, Object> body = new LinkedHashMap<>();
        if (ctx.path().startsWith("/api/v1/")) {
            body.put("request_id", java.util.UUID.randomUUID().toString());
            body.put("code", dashScopeCode(e.status()));
            body.put("message", e.getMessage());
        }
        body.put("error", error);
        if (e.retryAfterSeconds() != null) ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        if (e.status() == 401) ctx.header("WWW-Authenticate", "Bearer");
        json(ctx, e.status(), body);
    }

    private static String dashScopeCode(int status) {
        return switch (status) {
            case 400, 413, 415 -> "InvalidParameter";
            case 401 -> "InvalidApiKey";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 429 -> "Throttling";
            default -> "InternalError";
        };
    }

    static void checkLength(Context ctx, long max) {
        long length = ctx.req().getContentLengthLong();
        if (length > max)
            throw new ApiError(413, "request_too_large", null, "the request body is " + length + " bytes; allowed: at most " + max + " bytes");
    }

    /** The body as text, refused with 413 above {@code max} bytes (data URLs grow images by a third, so 4/3 of it). */
    static String body(Context ctx, long maxImageBytes) {
        long max = maxImageBytes / 3 * 4 + 65_536;
        checkLength(ctx, max);
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > max) throw new ApiError(413, "request_too_large", null, "the request body is " + bytes.length + " bytes; allowed: at most " + max + " bytes");
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    static void requireJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))
            throw new ApiError(415, "unsupported_media_type", null, "content type '" + Ids.printable(type)
                    + "' is not accepted here; allowed: application/json" + (ctx.path().startsWith("/v1/videos") ? " or multipart/form-data" : ""));
    }
}
