package dev.tickwire.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A real single-node Kafka (KRaft: broker and controller in one) on loopback for tests, no Docker
 * (REFERENCE.md §8): the log dir is formatted with {@link Formatter}, then {@link KafkaRaftServer} runs it.
 * Ports are picked once, so {@link #stop()} and {@link #start()} again give the same broker at the same
 * address with its data (a broker outage in a test). Close it in a finally.
 */
public final class KafkaBroker implements AutoCloseable
{
    private static final String CONTROLLER = "CONTROLLER";

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private KafkaBroker(final Path dir) throws IOException
    {
        this.logDir = dir.resolve("kafka-logs");
        this.port = freePort();
        this.controllerPort = freePort();
        Files.createDirectories(logDir);
    }

    /** Formats {@code dir}/kafka-logs and starts a broker on it. */
    public static KafkaBroker start(final Path dir) throws Exception
    {
        final KafkaBroker broker = new KafkaBroker(dir);
        broker.format();
        broker.start();
        return broker;
    }

    /** host:port for {@code bootstrap.servers}. */
    public String bootstrap()
    {
        return "127.0.0.1:" + port;
    }

    /** Starts (again, after {@link #stop()}) on the same ports and data. */
    public synchronized void start()
    {
        if (server == null)
        {
            final KafkaRaftServer s = new KafkaRaftServer(new KafkaConfig(properties(), false), Time.SYSTEM);
            s.startup();
            server = s;
        }
    }

    /** Stops the broker (an outage); {@link #start()} brings it back. */
    public synchronized void stop()
    {
        if (server != null)
        {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close()
    {
        stop();
    }

    private void format() throws Exception
    {
        new Formatter()
            .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
            .setNodeId(1)
            .setClusterId(Uuid.randomUuid().toString())
            .setDirectories(List.of(logDir.toString()))
            .setMetadataLogDirectory(logDir.toString())
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .setControllerListenerName(CONTROLLER)
            .run();
    }

    private Properties properties()
    {
        final Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", CONTROLLER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        // one node: internal topics with one replica, or initTransactions and consumer groups time out
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 << 20)); // the default 128 MB: too much for tests
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        return p;
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
