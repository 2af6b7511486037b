package ai.gallop.serve;

/**
 * A request the service refuses, with the HTTP status, a stable machine-readable code, the request field at fault
 * (null when none) and a one-line message saying what is wrong and what is allowed.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String param;
    private final Integer retryAfterSeconds;

    public ApiError(int status, String code, String param, String message) {
        this(status, code, param, message, null);
    }

    public ApiError(int status, String code, String param, String message, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 for a bad value of one field. */
    public static ApiError invalid(String param, String message) {
        return new ApiError(400, "invalid_value", param, message);
    }

    public static ApiError notFound(String what, String id) {
        return new ApiError(404, "not_found", null, "no " + what + " with id '" + Ids.printable(id) + "'");
    }

    public int status() { return status; }

    public String code() { return code; }

    public String param() { return param; }

    public Integer retryAfterSeconds() { return retryAfterSeconds; }
}
