package io.aisprint.deploy.deployers;

import io.aisprint.deploy.DeployException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few HTTP calls the IM and OSCAR clients make, with one error per failure naming what was called. */
final class RestCalls {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String system;
    private final Map<String, String> headers;

    RestCalls(String system, Map<String, String> headers) {
        this.system = system;
        this.headers = Map.copyOf(headers);
    }

    /** Sends a request and returns the body of a 2xx answer; 404 becomes UNKNOWN_RESOURCE, anything else REMOTE. */
    String send(String method, String url, String contentType, String accept, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeployException(DeployException.Code.REMOTE, url, method, system + " cannot be reached (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException(DeployException.Code.REMOTE, url, method, "interrupted while calling " + system);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.body();
        }
        throw new DeployException(status == 404 ? DeployException.Code.UNKNOWN_RESOURCE : DeployException.Code.REMOTE, url, method,
                system + " answered " + status + ": " + response.body().strip());
    }
}
