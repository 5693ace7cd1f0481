package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.server.ApiServer;
import io.aisprint.server.ServerConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path data;

    @Test
    void tokenCreatePrintsATokenTheServerAccepts() throws Exception {
        CliTestSupport.Outcome created = CliTestSupport.run("serve", "token", "create", "--data", data.toString(), "--role", "viewer");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String token = created.out().trim();
        assertThat(token).startsWith("asp_").hasSizeGreaterThan(40);
        assertThat(created.err()).contains("shown only this once");
        try (ApiServer server = ApiServer.start(ServerConfig.defaults(data).withPort(0))) {
            HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/v1/me")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(me.body()).contains("\"role\":\"viewer\"");
        }
    }

    @Test
    void badRolesAndBusyPortsAreClearErrors() throws Exception {
        CliTestSupport.Outcome role = CliTestSupport.run("serve", "token", "create", "--data", data.toString(), "--role", "king");
        assertThat(role.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(role.err()).contains("unknown role 'king'").contains("viewer, operator, admin");
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliTestSupport.Outcome serve = CliTestSupport.run("serve", "--data", data.toString(), "--port", String.valueOf(busy.getLocalPort()));
            assertThat(serve.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(serve.err()).contains("cannot listen on 127.0.0.1:" + busy.getLocalPort()).doesNotContain("\tat ");
        }
    }
}
