package io.aisprint.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one error type of the model module: an input could not be read or is invalid. Carries every
 * problem found, each naming the file, the place and what was expected.
 */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whether the input could not be read at all (exit code 2) or was read but is invalid (1). */
    public enum Kind { UNREADABLE, INVALID }

    private final transient List<Problem> problems;
    private final Kind kind;

    public ModelException(Kind kind, List<Problem> problems) {
        super(summary(problems));
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public static ModelException unreadable(String file, String location, String message) {
        return new ModelException(Kind.UNREADABLE, List.of(new Problem(file, location, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    public Kind kind() {
        return kind;
    }

    private static String summary(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems:\n" + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
