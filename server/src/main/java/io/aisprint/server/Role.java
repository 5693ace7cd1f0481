package io.aisprint.server;

import java.util.Locale;

/** What a token may do: viewers read, operators also start and stop work, admins also manage tokens. */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code text} (any case), or a {@link ServerException} listing the roles. */
    public static Role parse(String text, String where) {
        for (Role role : values()) {
            if (role.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return role;
            }
        }
        throw new ServerException(ErrorCode.INVALID_REQUEST, "unknown role '" + text + "'", where,
                "Maybe one of viewer, operator, admin.");
    }
}
