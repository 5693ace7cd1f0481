package io.aisprint.deploy;

import java.util.Objects;

/**
 * The one error type of the deploy module. It names the file and the field that are wrong and what
 * was expected, carries a code per kind of problem, and says whether the input was unreadable
 * (exit code 2) or readable but unusable (exit code 1).
 */
public class DeployException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One code per kind of problem, so scripts and tests can tell them apart. */
    public enum Code {
        /** A file is missing or is not valid YAML. */
        UNREADABLE_INPUT(true),
        /** A field is missing or has the wrong type. */
        INVALID_FIELD(false),
        /** A component names a layer or resource the continuum lacks. */
        UNKNOWN_RESOURCE(false),
        /** A computational layer has a type the generators do not know. */
        UNKNOWN_LAYER_TYPE(false),
        /** A component has no container image. */
        MISSING_IMAGE(false),
        /** An application toscarizer refuses, refused the same way. */
        UNSUPPORTED(false),
        /** Writing the output failed. */
        OUTPUT(true),
        /** A remote system (IM, OSCAR, Kubernetes) refused or failed. */
        REMOTE(false);

        private final boolean unreadable;

        Code(boolean unreadable) {
            this.unreadable = unreadable;
        }

        public boolean unreadable() {
            return unreadable;
        }
    }

    private final Code code;
    private final String file;
    private final String field;

    public DeployException(Code code, String file, String field, String message) {
        super(render(file, field, message));
        this.code = Objects.requireNonNull(code, "code");
        this.file = file == null ? "" : file;
        this.field = field == null ? "" : field;
    }

    public Code code() {
        return code;
    }

    public String file() {
        return file;
    }

    public String field() {
        return field;
    }

    private static String render(String file, String field, String message) {
        StringBuilder text = new StringBuilder();
        if (file != null && !file.isEmpty()) {
            text.append(file);
            if (field != null && !field.isEmpty()) {
                text.append(", ").append(field);
            }
            text.append(": ");
        } else if (field != null && !field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(message).toString();
    }
}
