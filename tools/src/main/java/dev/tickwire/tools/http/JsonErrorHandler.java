package dev.tickwire.tools.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty answers requests it cannot parse (a NUL in the path, a bad header) before they reach the API,
 * with an HTML page by default. The API promises JSON for every answer, so these get
 * {@code {"error": "..."}} too.
 */
final class JsonErrorHandler extends ErrorHandler
{
    private final ObjectMapper mapper;

    JsonErrorHandler(final ObjectMapper mapper)
    {
        this.mapper = mapper;
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(final int status, final String reason, final HttpFields.Mutable fields)
    {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(json(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(final Request baseRequest, final HttpServletRequest request,
        final HttpServletResponse response, final int code, final String message) throws IOException
    {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getOutputStream().write(json(code, message));
    }

    private byte[] json(final int status, final String reason)
    {
        final String text = "bad request (" + status + " " + HttpStatus.getMessage(status) + ")" +
            (reason == null || reason.isBlank() ? "" : ": " + reason);
        try
        {
            return mapper.writeValueAsBytes(new ApiJson.Error(text));
        }
        catch (final JsonProcessingException ex)
        {
            return ("{\"error\":\"bad request (" + status + ")\"}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
