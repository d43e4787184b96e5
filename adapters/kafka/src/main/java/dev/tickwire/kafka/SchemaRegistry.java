package dev.tickwire.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A Confluent-compatible schema registry's one call we need: register a schema under a subject, get its id. */
final class SchemaRegistry
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SchemaRegistry(final String url)
    {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
    }

    /** {@code POST /subjects/{subject}/versions}: the id of the schema (the registry's, new or existing). */
    int register(final String subject, final Schema schema) throws IOException, InterruptedException
    {
        final String body = JSON.writeValueAsString(JSON.createObjectNode().put("schema", schema.toString()));
        final HttpRequest request = HttpRequest.newBuilder(
                base.resolve("subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
        {
            throw new IOException("schema registry " + base + ": registering " + subject + " answered " +
                response.statusCode() + " " + response.body());
        }
        final JsonNode id = JSON.readTree(response.body()).get("id");
        if (id == null || !id.canConvertToInt())
        {
            throw new IOException("schema registry " + base + ": no id in the answer for " + subject);
        }
        return id.asInt();
    }
}
