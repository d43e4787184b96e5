package dev.tickwire.tools.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket with a tiny receive buffer, that reads nothing until told to: a client
 * too slow for the stream. The handshake is RFC 6455's, by hand.
 */
final class RawWsClient implements AutoCloseable
{
    record Close(int code, String reason, long textFrames)
    {
    }

    private final Socket socket = new Socket();
    private final InputStream in;

    RawWsClient(final int port, final String pathAndQuery, final String key, final int receiveBufferBytes) throws IOException
    {
        socket.setReceiveBufferSize(receiveBufferBytes); // before connecting: it sets the window offered
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        final byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        final String request = "GET " + pathAndQuery + " HTTP/1.1\r\n" +
            "Host: 127.0.0.1:" + port + "\r\n" +
            "Upgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n" +
            "Sec-WebSocket-Version: 13\r\n" +
            ApiServer.KEY_HEADER + ": " + key + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        in = socket.getInputStream();
        socket.setSoTimeout(10_000);
        final String head = readHead();
        if (!head.startsWith("HTTP/1.1 101"))
        {
            throw new IOException("upgrade refused: " + head);
        }
    }

    /** Sends an upgrade request (no key) and returns the whole answer, for a refused upgrade's status and body. */
    static String upgradeAnswer(final int port, final String pathAndQuery) throws IOException
    {
        try (Socket s = new Socket())
        {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" +
                "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
                "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            final ByteArrayOutputStream answer = new ByteArrayOutputStream();
            final byte[] chunk = new byte[4096];
            int n;
            s.setSoTimeout(2_000);
            try
            {
                while (!answer.toString(StandardCharsets.UTF_8).contains("}") && (n = s.getInputStream().read(chunk)) > 0)
                {
                    answer.write(chunk, 0, n);
                }
            }
            catch (final java.net.SocketTimeoutException ex)
            {
                // a keep-alive answer without a body
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private String readHead() throws IOException
    {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4)
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new EOFException("connection closed in the handshake: " + head);
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Reads (now) every frame the server sent until its close frame; counts the text frames before it. */
    Close readUntilClose(final int timeoutMs) throws IOException
    {
        socket.setSoTimeout(timeoutMs);
        long texts = 0;
        while (true)
        {
            final int b0 = read();
            final int b1 = read();
            final int opcode = b0 & 0x0F;
            long length = b1 & 0x7F;
            if (length == 126)
            {
                length = (read() << 8) | read();
            }
            else if (length == 127)
            {
                length = 0;
                for (int i = 0; i < 8; i++)
                {
                    length = (length << 8) | read();
                }
            }
            final byte[] payload = in.readNBytes((int)length); // server frames are not masked
            if (payload.length < length)
            {
                throw new EOFException("connection closed in a frame");
            }
            if (opcode == 0x8)
            {
                final int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                final String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                return new Close(code, reason, texts);
            }
            if (opcode == 0x1 && (b0 & 0x80) != 0 || opcode == 0x0 && (b0 & 0x80) != 0)
            {
                texts++;
            }
        }
    }

    /** Reads frames for {@code nanos}, as fast as it can, and returns the number of whole text messages. */
    long countTextMessages(final long nanos) throws IOException
    {
        final java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(in, 1 << 16);
        final long end = System.nanoTime() + nanos;
        long texts = 0;
        while (System.nanoTime() < end)
        {
            final int b0 = buffered.read();
            final int b1 = buffered.read();
            long length = b1 & 0x7F;
            if (length == 126)
            {
                length = (buffered.read() << 8) | buffered.read();
            }
            else if (length == 127)
            {
                length = 0;
                for (int i = 0; i < 8; i++)
                {
                    length = (length << 8) | buffered.read();
                }
            }
            buffered.skipNBytes(length);
            if ((b0 & 0x80) != 0 && ((b0 & 0x0F) == 0x1 || (b0 & 0x0F) == 0x0))
            {
                texts++;
            }
        }
        return texts;
    }

    private int read() throws IOException
    {
        final int b = in.read();
        if (b < 0)
        {
            throw new EOFException("connection closed without a close frame");
        }
        return b;
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
