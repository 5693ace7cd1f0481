package io.aisprint.server;

/** One code per kind of problem a client can meet, with the HTTP status it is answered with. */
public enum ErrorCode {
    BAD_JSON("bad_json", 400),
    INVALID_REQUEST("invalid_request", 400),
    BAD_ARCHIVE("bad_archive", 400),
    UNSAFE_ARCHIVE("unsafe_archive", 400),
    NOT_AN_APPLICATION("not_an_application", 422),
    INVALID_APPLICATION("invalid_application", 422),
    INFEASIBLE("infeasible", 422),
    /** Deployment files cannot be generated for this application (its continuum or images do not allow it). */
    NOT_DEPLOYABLE("not_deployable", 422),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not_found", 404),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    CONFLICT("conflict", 409),
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    UNAVAILABLE("unavailable", 503),
    STORAGE("storage", 500),
    INTERNAL("internal", 500);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The {@code code} field of the error body. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
