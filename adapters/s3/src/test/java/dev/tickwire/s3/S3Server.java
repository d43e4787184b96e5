package dev.tickwire.s3;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A real S3 API server for tests: S3Proxy on a free loopback port, keeping objects in a folder
 * (jclouds' filesystem store), checking SigV4 signatures against one key pair. The keys are written
 * to owner-only files, as a user would keep them. Close it in a finally (or try-with-resources).
 */
public final class S3Server implements AutoCloseable
{
    public static final String ACCESS_KEY_ID = "tickwire-test";

    private final Path dir;
    private final String secret = "s3cr3t-" + UUID.randomUUID();
    private final BlobStoreContext context;
    private S3Proxy proxy;
    private int port;

    private S3Server(final Path dir) throws Exception
    {
        this.dir = dir;
        final Path data = Files.createDirectories(dir.resolve("data"));
        final Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", data.toString());
        context = ContextBuilder.newBuilder("filesystem").credentials(ACCESS_KEY_ID, secret).overrides(p)
            .buildView(BlobStoreContext.class);
        try
        {
            proxy = start(0);
            port = proxy.getPort();
        }
        catch (final Exception ex)
        {
            context.close();
            throw ex;
        }
    }

    private S3Proxy start(final int port) throws Exception
    {
        final S3Proxy started = S3Proxy.builder().blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, secret).build();
        try
        {
            started.start();
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(started.getState()))
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("S3Proxy did not start in 30 s: " + started.getState());
                }
                Thread.sleep(10);
            }
            return started;
        }
        catch (final Exception ex)
        {
            started.stop();
            throw ex;
        }
    }

    /** Stops answering (connections refused) until {@link #restart()}; the objects stay. */
    public synchronized void stop() throws Exception
    {
        proxy.stop();
    }

    /** Listens again, on the same port. */
    public synchronized void restart() throws Exception
    {
        proxy = start(port);
    }

    /** Stops answering now and listens again after {@code millis} (on a thread of its own). */
    public void outage(final long millis)
    {
        try
        {
            stop();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        final Thread back = new Thread(() ->
        {
            try
            {
                Thread.sleep(millis);
                restart();
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }, "s3-server-back");
        back.start();
    }

    /** Starts a server keeping its objects and key files under {@code dir}. */
    public static S3Server start(final Path dir) throws Exception
    {
        return new S3Server(dir);
    }

    public URI endpoint()
    {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String secret()
    {
        return secret;
    }

    public void createBucket(final String bucket)
    {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    /** Settings reaching this server with its keys (in 0600 files). */
    public Map<String, String> settings() throws IOException
    {
        return settings(secret);
    }

    /** Settings reaching this server with the right key id and the given secret (a wrong one: access denied). */
    public Map<String, String> settings(final String secretAccessKey) throws IOException
    {
        final Map<String, String> s = new HashMap<>();
        s.put("endpoint", endpoint().toString());
        s.put("region", "us-east-1");
        s.put("pathStyle", "true");
        s.put("accessKeyIdFile", ownerOnly("access-key-id-" + UUID.randomUUID(), ACCESS_KEY_ID).toString());
        s.put("secretAccessKeyFile", ownerOnly("secret-access-key-" + UUID.randomUUID(), secretAccessKey).toString());
        return s;
    }

    private Path ownerOnly(final String name, final String value) throws IOException
    {
        final Path f = dir.resolve(name);
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, value + "\n");
        return f;
    }

    @Override
    public void close()
    {
        try
        {
            proxy.stop();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("S3Proxy did not stop", ex);
        }
        finally
        {
            context.close();
        }
    }
}
