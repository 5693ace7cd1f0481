package io.aisprint.server;

import java.util.List;

/**
 * The one error type of the server module. It becomes the JSON error body
 * {@code {"code", "message", "where", "hint", "problems"}} with the code's HTTP status.
 */
public class ServerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One problem of a request, named by where it is (a JSON pointer, a file, a header). */
    public record Problem(String where, String message) {
    }

    private final ErrorCode code;
    private final String where;
    private final String hint;
    private final transient List<Problem> problems;

    public ServerException(ErrorCode code, String message, String where, String hint, List<Problem> problems) {
        super(message);
        this.code = code;
        this.where = where;
        this.hint = hint;
        this.problems = List.copyOf(problems);
    }

    public ServerException(ErrorCode code, String message, String where, String hint) {
        this(code, message, where, hint, List.of());
    }

    public ServerException(ErrorCode code, String message, String where, String hint, Throwable cause) {
        this(code, message, where, hint, List.of());
        initCause(cause);
    }

    public ErrorCode code() {
        return code;
    }

    public String where() {
        return where;
    }

    public String hint() {
        return hint;
    }

    public List<Problem> problems() {
        return problems;
    }
}
