package io.zuoxi.web.http;

/** An error with a stable id and an HTTP status, rendered by {@link FailureHandler}. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String errorId;

    public ApiException(int status, String errorId, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorId = errorId;
    }

    public int status() {
        return status;
    }

    public String errorId() {
        return errorId;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad-request", message);
    }

    public static ApiException notFound(String errorId, String message) {
        return new ApiException(404, errorId, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }
}
