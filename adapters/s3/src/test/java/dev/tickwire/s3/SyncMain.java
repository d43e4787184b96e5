package dev.tickwire.s3;

import dev.tickwire.archive.ArchiveSync;
import dev.tickwire.archive.LocalObjectStore;
import dev.tickwire.archive.ObjectStore;
import dev.tickwire.archive.ObjectStores;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A sync in a child JVM, over a slow link (a pause after each file), for the kill -9 test: archive location k=v... */
public final class SyncMain
{
    private SyncMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Map<String, String> settings = new HashMap<>();
        for (int i = 2; i < args.length; i++)
        {
            final int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        try (ObjectStore to = ObjectStores.open(args[1], "--to", settings, "--s3"))
        {
            ArchiveSync.run(new LocalObjectStore(Path.of(args[0])), to, Instant.now(), new ArchiveSync.Progress()
            {
                @Override
                public void sent(final String key, final long bytes, final int fileIndex, final int files)
                {
                    System.out.println("sent " + key);
                    try
                    {
                        Thread.sleep(100);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
        System.out.println("done");
    }
}
