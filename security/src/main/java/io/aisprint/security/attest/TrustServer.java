package io.aisprint.security.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.aisprint.security.TrustException;
import io.aisprint.security.policy.OwnerKeys;
import io.aisprint.security.secrets.CertificateAuthority;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The trust service's REST face over TLS (Javalin on Jetty, loopback by default):
 * <pre>
 *   GET  /v1/ca                    the service CA (PEM): what clients and cluster members trust
 *   POST /v1/sessions              {policy, key, signature}: create or update a session (signed by its owner)
 *   GET  /v1/sessions/{name}       {name, hash, policy}; never secrets
 *   POST /v1/nonce                 {nonce}: fresh, single use, 5 minutes
 *   POST /v1/attest                Evidence JSON: 200 Grant, or 403 {error} (reasons also in the audit log)
 *   POST /v1/revoke                {key_hash, reason, key, signature}: signed by the owner of a session
 *   GET  /v1/revoked/{keyHash}     {revoked}
 * </pre>
 */
public final class TrustServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module());
    private final Javalin app;
    private final TrustService service;

    public TrustServer(TrustService service, String host, int port) {
        this.service = service;
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(TlsMaterial.serverKeyStore(service.ca(), Duration.ofDays(30)));
        ssl.setKeyStorePassword(new String(TlsMaterial.PASSWORD));
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.jetty.addConnector((server, httpConfiguration) -> {
                HttpConfiguration https = new HttpConfiguration(httpConfiguration);
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                secure.setSniHostCheck(false); // clients connect to 127.0.0.1, which carries no SNI name
                https.addCustomizer(secure);
                ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
                connector.setHost(host);
                connector.setPort(port);
                return connector;
            });
        });
        app.get("/v1/ca", ctx -> ctx.contentType("application/x-pem-file").result(CertificateAuthority.pem(service.caCertificate())));
        app.post("/v1/sessions", this::upload);
        app.get("/v1/sessions/{name}", this::readSession);
        app.post("/v1/nonce", ctx -> ctx.json(Map.of("nonce", service.nonce())));
        app.post("/v1/attest", ctx -> ctx.json(service.attest(JSON.readValue(ctx.body(), Evidence.class))));
        app.post("/v1/revoke", this::revoke);
        app.get("/v1/revoked/{keyHash}", ctx -> ctx.json(Map.of("revoked", service.revoked(ctx.pathParam("keyHash")))));
        app.exception(TrustException.class, (error, ctx) -> {
            int status = switch (error.code()) {
                case ATTESTATION_REFUSED, POLICY_UPDATE_REFUSED, SECRET_REFUSED -> 403;
                case POLICY_MALFORMED, EVENT_LOG_MALFORMED, TPM_STRUCTURE_MALFORMED, UNREADABLE -> 400;
                default -> 500;
            };
            ctx.status(status).json(Map.of("error", error.getMessage(), "code", error.code().name()));
        });
        app.exception(com.fasterxml.jackson.core.JacksonException.class, (error, ctx) ->
            ctx.status(400).json(Map.of("error", "malformed JSON body: " + error.getOriginalMessage(), "code", "MALFORMED_REQUEST")));
    }

    public TrustServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    private void upload(Context ctx) throws Exception {
        JsonNode body = JSON.readTree(ctx.body());
        byte[] policy = body.path("policy").asText().getBytes(StandardCharsets.UTF_8);
        PublicKey key = OwnerKeys.decode(body.path("key").asText());
        byte[] signature = Base64.getDecoder().decode(body.path("signature").asText());
        String hash = service.upload(policy, key, signature);
        ctx.json(Map.of("name", service.session(io.aisprint.security.policy.SessionPolicyParser.parse(policy, "policy").name()).orElseThrow().policy().name(),
            "hash", hash));
    }

    private void readSession(Context ctx) {
        var version = service.session(ctx.pathParam("name"));
        if (version.isEmpty()) {
            ctx.status(404).json(Map.of("error", "no session '" + ctx.pathParam("name") + "'", "code", "NOT_FOUND"));
            return;
        }
        ctx.json(Map.of("name", version.get().policy().name(), "hash", version.get().hash(),
            "policy", new String(version.get().source(), StandardCharsets.UTF_8)));
    }

    /** A revocation must be signed by the creator of some session (the operator of the workloads). */
    private void revoke(Context ctx) throws Exception {
        JsonNode body = JSON.readTree(ctx.body());
        String keyHash = body.path("key_hash").asText();
        PublicKey owner = OwnerKeys.decode(body.path("key").asText());
        byte[] signature = Base64.getDecoder().decode(body.path("signature").asText());
        service.revokeSigned(keyHash, body.path("reason").asText(""), owner, signature);
        ctx.json(Map.of("revoked", true));
    }

    @Override
    public void close() {
        app.stop();
    }
}
