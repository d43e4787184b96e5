package dev.tickwire.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client (java.net.http) against a server on 127.0.0.1. */
final class HttpTestClient
{
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    HttpTestClient(final int port)
    {
        base = "http://127.0.0.1:" + port;
    }

    record Response(int status, String body, HttpResponse<String> raw)
    {
        JsonNode json()
        {
            try
            {
                return JSON.readTree(body);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("not JSON: " + body, ex);
            }
        }

        String error()
        {
            return json().path("error").asText(null);
        }

        @Override
        public String toString()
        {
            return status + " " + body;
        }
    }

    Response get(final String path, final String key)
    {
        return send("GET", path, key, null);
    }

    Response post(final String path, final String key, final String body)
    {
        return send("POST", path, key, body);
    }

    Response delete(final String path, final String key)
    {
        return send("DELETE", path, key, null);
    }

    Response send(final String method, final String path, final String key, final String body)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null)
        {
            request.header(ApiServer.KEY_HEADER, key);
        }
        if (body != null)
        {
            request.header("Content-Type", "application/json");
        }
        try
        {
            final HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
