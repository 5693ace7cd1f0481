package io.aisprint.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same state in a real PostgreSQL (--db): Flyway creates the schema, a restarted server finds everything. */
class PostgresStateTest {
    @TempDir
    Path data;

    @Test
    void stateSurvivesARestartInPostgres() throws Exception {
        Optional<Path> bin = LocalPostgres.binaries();
        assumeTrue(bin.isPresent(), "PostgreSQL is not installed (apt-get install postgresql): the PostgreSQL test is skipped");
        try (LocalPostgres postgres = LocalPostgres.start(bin.get())) {
            String token = Tokens.create(data, postgres.jdbcUrl(), Role.OPERATOR, "pg").token();
            ServerConfig config = ServerConfig.defaults(data).withPort(0).withJdbcUrl(postgres.jdbcUrl());
            String app;
            String design;
            JsonNode result;
            try (ApiServer server = ApiServer.start(config)) {
                Client client = new Client(server.port(), token);
                app = client.post("/api/v1/applications", "application/zip", Client.zipExample("mask-detection")).json().get("id").asText();
                design = client.postJson("/api/v1/applications/" + app + "/designs", "{\"time_limit\": 1}").json().get("id").asText();
                result = client.awaitStatusNot("/api/v1/designs/" + design, 60, "queued", "running").get("result");
                assertThat(result.get("feasible").asBoolean()).isTrue();
            }
            try (ApiServer again = ApiServer.start(config)) {
                Client client = new Client(again.port(), token);
                assertThat(client.get("/api/v1/applications").json().findValuesAsText("id")).containsExactly(app);
                assertThat(client.get("/api/v1/designs/" + design).json().get("result")).isEqualTo(result);
                assertThat(client.get("/api/v1/designs/" + design + "/max-load").json().get("max_lambda").asDouble()).isPositive();
            }
        }
    }
}
