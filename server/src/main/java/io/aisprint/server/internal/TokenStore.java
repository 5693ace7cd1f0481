package io.aisprint.server.internal;

import io.aisprint.server.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API tokens. A token is 32 random bytes; only its SHA-256 is stored, so a copy of the database does
 * not give access. (A slow password hash is not needed: the token has 256 bits of entropy.)
 */
public final class TokenStore {
    static final String PREFIX = "asp_";
    private static final SecureRandom RANDOM = new SecureRandom();

    public record TokenRow(String id, String name, Role role, long createdMs) {
    }

    /** A freshly created token: its plain text is shown once and never stored. */
    public record Created(TokenRow row, String token) {
    }

    private final Database database;

    public TokenStore(Database database) {
        this.database = database;
    }

    public Created create(String name, Role role, long nowMs) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        TokenRow row = new TokenRow(Ids.next("tok"), name, role, nowMs);
        database.update("INSERT INTO tokens (id, name, role, hash, created_ms) VALUES (?, ?, ?, ?, ?)", row.id(), name, role.label(),
                hash(token), nowMs);
        return new Created(row, token);
    }

    /** The token's row when {@code token} is a known token. */
    public Optional<TokenRow> find(String token) {
        return database.query("SELECT id, name, role, created_ms FROM tokens WHERE hash = ?", TokenStore::row, hash(token))
                .stream().findFirst();
    }

    public List<TokenRow> list() {
        return database.query("SELECT id, name, role, created_ms FROM tokens ORDER BY created_ms, id", TokenStore::row);
    }

    public boolean delete(String id) {
        return database.update("DELETE FROM tokens WHERE id = ?", id) > 0;
    }

    public boolean isEmpty() {
        return database.query("SELECT COUNT(*) FROM tokens", r -> r.getLong(1)).get(0) == 0;
    }

    private static TokenRow row(java.sql.ResultSet r) throws java.sql.SQLException {
        return new TokenRow(r.getString(1), r.getString(2), Role.parse(r.getString(3), "tokens.role"), r.getLong(4));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
