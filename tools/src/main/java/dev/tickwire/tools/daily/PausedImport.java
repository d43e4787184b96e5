package dev.tickwire.tools.daily;

import dev.tickwire.adapters.imports.HistoricalImport;
import dev.tickwire.adapters.imports.ImportSummary;
import dev.tickwire.engine.adapter.AdapterContext;
import dev.tickwire.engine.adapter.FeedAdapter;

import java.util.List;

/**
 * The test hook of {@link ImportStep#PAUSE_PROPERTY}: an import whose sources stop after handing the engine about
 * {@code afterRows} rows each (a CSV source's {@code doWork} returns the rows it read) and then wait, not done,
 * until the process is killed. Nothing else changes: the rows before the pause are journaled as in any import.
 */
final class PausedImport implements HistoricalImport
{
    private final HistoricalImport delegate;
    private final List<FeedAdapter> adapters;

    PausedImport(final HistoricalImport delegate, final long afterRows)
    {
        this.delegate = delegate;
        this.adapters = delegate.adapters().stream().map(a -> (FeedAdapter)new Pausing(a, afterRows)).toList();
    }

    @Override
    public List<FeedAdapter> adapters()
    {
        return adapters;
    }

    @Override
    public long totalBytes()
    {
        return delegate.totalBytes();
    }

    @Override
    public long bytesRead()
    {
        return delegate.bytesRead();
    }

    @Override
    public List<String> notes()
    {
        return delegate.notes();
    }

    @Override
    public List<String> unreadable()
    {
        return delegate.unreadable();
    }

    @Override
    public List<String> refusals()
    {
        return delegate.refusals();
    }

    @Override
    public ImportSummary summary()
    {
        return delegate.summary();
    }

    /** A source that stops being called once it has done {@code afterRows} of work. */
    private static final class Pausing implements FeedAdapter
    {
        private final FeedAdapter source;
        private final long afterRows;
        private long work;

        Pausing(final FeedAdapter source, final long afterRows)
        {
            this.source = source;
            this.afterRows = afterRows;
        }

        @Override
        public int doWork() throws Exception
        {
            if (work >= afterRows)
            {
                return 0;
            }
            final int n = source.doWork();
            work += n;
            return n;
        }

        @Override
        public int sourceId()
        {
            return source.sourceId();
        }

        @Override
        public void start(final AdapterContext context)
        {
            source.start(context);
        }

        @Override
        public String describe(final long position)
        {
            return source.describe(position);
        }

        @Override
        public boolean isDone()
        {
            return work < afterRows && source.isDone();
        }

        @Override
        public boolean isFinite()
        {
            return source.isFinite();
        }

        @Override
        public List<String> inputProblems()
        {
            return source.inputProblems();
        }

        @Override
        public void onStart()
        {
            source.onStart();
        }

        @Override
        public void onClose()
        {
            source.onClose();
        }

        @Override
        public String roleName()
        {
            return source.roleName();
        }
    }
}
