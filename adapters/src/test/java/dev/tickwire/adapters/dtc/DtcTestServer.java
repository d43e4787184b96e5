package dev.tickwire.adapters.dtc;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DTC server on loopback, written to the protocol (binary encoding), that plays one scripted session
 * per accepted connection at full speed: the handshake answered as Sierra Chart does, then whatever
 * the script sends, malformed bytes included; it can read slowly, go silent, or drop the connection.
 * Connections beyond the scripts are held open and silent.
 */
public final class DtcTestServer implements AutoCloseable
{
    /** One connection's script. */
    @FunctionalInterface
    public interface Session
    {
        void play(Peer peer) throws Exception;
    }

    private final ServerSocket server;
    private final List<Session> sessions;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    /** Every message received, in order, over all connections (heartbeats too). */
    final List<byte[]> received = Collections.synchronizedList(new ArrayList<>());
    volatile int connections;
    volatile int finishedSessions;

    public DtcTestServer(final Session... sessions) throws IOException
    {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.sessions = List.of(sessions);
        this.acceptor = new Thread(this::accept, "dtc-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port()
    {
        return server.getLocalPort();
    }

    private void accept()
    {
        try
        {
            while (!server.isClosed())
            {
                final Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                sockets.add(socket);
                final int n = connections++;
                final Thread t = new Thread(() -> run(socket, n), "dtc-test-session-" + n);
                t.setDaemon(true);
                t.start();
            }
        }
        catch (final IOException ex)
        {
            // closed
        }
    }

    private void run(final Socket socket, final int n)
    {
        try
        {
            if (n < sessions.size())
            {
                sessions.get(n).play(new Peer(socket));
                finishedSessions++;
            }
        }
        catch (final SocketException ex)
        {
            // the client dropped the connection: part of some scripts
        }
        catch (final Throwable ex)
        {
            failures.add(ex);
        }
    }

    /** Types of the messages received, in order. */
    List<Integer> receivedTypes()
    {
        synchronized (received)
        {
            final List<Integer> types = new ArrayList<>();
            for (final byte[] m : received)
            {
                types.add((m[2] & 0xFF) | (m[3] & 0xFF) << 8);
            }
            return types;
        }
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        for (final Socket s : sockets)
        {
            s.close();
        }
    }

    /** The server's end of one connection. */
    public final class Peer
    {
        final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final Deque<byte[]> pending = new ArrayDeque<>();

        Peer(final Socket socket) throws IOException
        {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            socket.setSoTimeout(10_000);
        }

        /** The first message of {@code type} the client sent (earlier ones of other types stay queued). */
        byte[] expect(final int type) throws IOException
        {
            for (final Iterator<byte[]> it = pending.iterator(); it.hasNext(); )
            {
                final byte[] m = it.next();
                if (typeOf(m) == type)
                {
                    it.remove();
                    return m;
                }
            }
            while (true)
            {
                final byte[] m = read();
                if (typeOf(m) == type)
                {
                    return m;
                }
                if (typeOf(m) != Dtc.HEARTBEAT)
                {
                    pending.add(m);
                }
            }
        }

        private byte[] read() throws IOException
        {
            final int lo = in.readUnsignedByte();
            final int size = lo | in.readUnsignedByte() << 8;
            final byte[] m = new byte[size];
            m[0] = (byte)lo;
            m[1] = (byte)(size >> 8);
            in.readFully(m, 2, size - 2);
            received.add(m);
            return m;
        }

        private int typeOf(final byte[] m)
        {
            return (m[2] & 0xFF) | (m[3] & 0xFF) << 8;
        }

        public void send(final byte[]... messages) throws IOException
        {
            for (final byte[] m : messages)
            {
                out.write(m);
            }
            out.flush();
        }

        /** Sends the messages as one stream cut into {@code chunk}-byte writes {@code pauseMs} apart. */
        void sendSlowly(final int chunk, final long pauseMs, final byte[]... messages) throws Exception
        {
            final java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (final byte[] m : messages)
            {
                all.write(m);
            }
            final byte[] bytes = all.toByteArray();
            for (int i = 0; i < bytes.length; i += chunk)
            {
                out.write(bytes, i, Math.min(chunk, bytes.length - i));
                out.flush();
                Thread.sleep(pauseMs);
            }
        }

        /**
         * Answers as Sierra Chart does: the encoding request (binary), the logon, then for each symbol
         * (symbol id = request id = its place + 1) the security definition and its subscriptions.
         */
        public byte[] handshake(final float tickSize, final int priceFormat, final int symbols, final boolean depth)
            throws IOException
        {
            expect(Dtc.ENCODING_REQUEST);
            send(Dtc.ENCODING.build(Dtc.ENCODING_RESPONSE, "ProtocolVersion", 8, "Encoding", 0, "ProtocolType", "DTC"));
            final byte[] logon = expect(Dtc.LOGON_REQUEST);
            send(Dtc.LOGON_RESP.build(Dtc.LOGON_RESPONSE, "ProtocolVersion", 8, "Result", 1, "ServerName", "test",
                "SecurityDefinitionsSupported", 1, "MarketDepthIsSupported", 1, "MarketDataSupported", 1));
            for (int i = 0; i < symbols; i++)
            {
                final byte[] request = expect(Dtc.SECURITY_DEFINITION_FOR_SYMBOL_REQUEST);
                send(Dtc.DEFINITION.build(Dtc.SECURITY_DEFINITION_RESPONSE,
                    "RequestID", (int)Dtc.DEFINITION_REQ.integer(request, "RequestID"),
                    "Symbol", Dtc.DEFINITION_REQ.text(request, "Symbol"), "MinPriceIncrement", tickSize,
                    "PriceDisplayFormat", priceFormat, "IsFinalMessage", 1, "HasMarketDepthData", 1));
            }
            for (int i = 0; i < symbols; i++)
            {
                expect(Dtc.MARKET_DATA_REQUEST);
                if (depth)
                {
                    expect(Dtc.MARKET_DEPTH_REQUEST);
                }
            }
            return logon;
        }

        /** Stays connected without reading or sending (a stalled server) for {@code millis}. */
        void silent(final long millis) throws InterruptedException
        {
            Thread.sleep(millis);
        }

        /** Keeps the connection open, answering nothing, until the client closes it (or 10 s). */
        void holdUntilClosed() throws IOException
        {
            try
            {
                while (true)
                {
                    read();
                }
            }
            catch (final IOException ex)
            {
                // closed by the client, or the read timed out
            }
        }

        void close() throws IOException
        {
            socket.close();
        }
    }

}
