package dev.tickwire.adapters.imports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts of one import, the same shape for every importer: what was read (rows, records or
 * messages), what it became (trades, quotes, book deltas, snapshots), what was malformed (journaled as
 * rejected) or already in the journal (skipped), and an importer's own details in order (e.g. bar
 * records skipped, LOBSTER's message types).
 */
public record ImportSummary(String unit, long read, int files, long trades, long quotes, long deltas, long snapshots,
    long malformed, long alreadyJournaled, Map<String, Long> details)
{
    public static Builder builder(final String unit, final int files)
    {
        return new Builder(unit, files);
    }

    /** Sums the counts of an import's sources. */
    public static final class Builder
    {
        private final String unit;
        private final int files;
        private long read;
        private long trades;
        private long quotes;
        private long deltas;
        private long snapshots;
        private long malformed;
        private long alreadyJournaled;
        private final Map<String, Long> details = new LinkedHashMap<>();

        private Builder(final String unit, final int files)
        {
            this.unit = unit;
            this.files = files;
        }

        public Builder read(final long n)
        {
            read += n;
            return this;
        }

        public Builder trades(final long n)
        {
            trades += n;
            return this;
        }

        public Builder quotes(final long n)
        {
            quotes += n;
            return this;
        }

        public Builder deltas(final long n)
        {
            deltas += n;
            return this;
        }

        public Builder snapshots(final long n)
        {
            snapshots += n;
            return this;
        }

        public Builder malformed(final long n)
        {
            malformed += n;
            return this;
        }

        public Builder alreadyJournaled(final long n)
        {
            alreadyJournaled += n;
            return this;
        }

        public Builder detail(final String name, final long n)
        {
            details.merge(name, n, Long::sum);
            return this;
        }

        public ImportSummary build()
        {
            return new ImportSummary(unit, read, files, trades, quotes, deltas, snapshots, malformed, alreadyJournaled,
                Collections.unmodifiableMap(new LinkedHashMap<>(details)));
        }
    }
}
