package io.aisprint.server;

import io.aisprint.server.internal.Database;
import io.aisprint.server.internal.TokenStore;
import java.nio.file.Path;

/** Token management outside a running server ({@code aisprint serve token create}). */
public final class Tokens {
    private Tokens() {
    }

    /** A created token: its id and the secret, which is shown once and stored only as a hash. */
    public record Created(String id, String name, Role role, String token) {
    }

    /** Creates a token in the state under {@code dataDirectory} (or the database {@code jdbcUrl}). */
    public static Created create(Path dataDirectory, String jdbcUrl, Role role, String name) {
        try (Database database = Database.open(dataDirectory.toAbsolutePath().normalize(), jdbcUrl)) {
            TokenStore.Created created = new TokenStore(database).create(name, role, System.currentTimeMillis());
            return new Created(created.row().id(), name, role, created.token());
        }
    }
}
