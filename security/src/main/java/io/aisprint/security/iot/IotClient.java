package io.aisprint.security.iot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.web3j.crypto.Credentials;

/** A requester of the edge data API: signs each request with its account's key. */
public final class IotClient {
    /** The HTTP status and JSON body of an answer. */
    public record Answer(int status, JsonNode body) {
    }

    private final String baseUrl;
    private final Credentials credentials;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public IotClient(String baseUrl, Credentials credentials, Clock clock) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.credentials = credentials;
        this.clock = clock;
    }

    public Answer read(String resource, int limit) {
        return send("GET", path(resource) + "?limit=" + limit, new byte[0]);
    }

    public Answer write(String resource, String json) {
        return send("POST", path(resource), json.getBytes(StandardCharsets.UTF_8));
    }

    private static String path(String resource) {
        return "/resources/" + URLEncoder.encode(resource, StandardCharsets.UTF_8).replace("%2F", "/") + "/readings";
    }

    /** Signs and sends one request. */
    public Answer send(String method, String pathAndQuery, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(30))
            .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        SignedRequest.sign(credentials, method, pathAndQuery, clock.millis(), body).forEach(request::header);
        return exchange(request.build());
    }

    /** Sends a request as built (for tests of unsigned or tampered requests). */
    public Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), new ObjectMapper().readTree(response.body()));
        } catch (IOException e) {
            throw new IotException(IotException.Code.API_UNAVAILABLE, "the edge data API at " + baseUrl + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IotException(IotException.Code.API_UNAVAILABLE, "interrupted");
        }
    }
}
