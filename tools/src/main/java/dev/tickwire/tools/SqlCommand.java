package dev.tickwire.tools;

import dev.tickwire.archive.Archive;
import dev.tickwire.engine.rows.CsvRow;
import dev.tickwire.engine.rows.JsonRow;
import dev.tickwire.engine.rows.RowWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire sql}: SQL over the archive with embedded DuckDB. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run SQL (embedded DuckDB) over views of the archive: trades, quotes, book_deltas, statuses,",
        "definitions, rejects, bars_<spec>, and the reference data: candles, derivative_tickers, liquidations,",
        "option_summaries. Each view has a 'date' column from the layout, so a one-day query",
        "opens one day's files. A bucket archive's days (--from/--to) are fetched into its local cache first.",
        " Example: tickwire sql \"SELECT symbol, count(*) FROM trades GROUP BY 1\""})
final class SqlCommand implements Callable<Integer>
{
    enum Format { table, csv, json }

    @Parameters(index = "0", description = "The query.")
    String query;

    @Option(names = "--archive", defaultValue = "./tickwire-data/archive",
        description = "The archive: a directory or s3://bucket/prefix (default: ${DEFAULT-VALUE}).")
    String archive;

    @Option(names = "--journal", defaultValue = "./tickwire-data/journal",
        description = "A bucket archive's cache sits beside this journal unless --cache-dir says (default: ${DEFAULT-VALUE}).")
    Path journalDir;

    @Option(names = "--from", paramLabel = "DAY", description = "A bucket archive: its first day to fetch, YYYY-MM-DD (default: the first).")
    java.time.LocalDate from;

    @Option(names = "--to", paramLabel = "DAY", description = "A bucket archive: its last day to fetch, YYYY-MM-DD (default: the last).")
    java.time.LocalDate to;

    @picocli.CommandLine.Mixin
    BucketOptions bucketOptions;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (JSON lines) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception
    {
        final PrintStream out = System.out;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"))
        {
            final List<String> views;
            try (dev.tickwire.archive.BucketArchive bucket = bucketOptions.open(archive, journalDir))
            {
                // a bucket: the days asked for are fetched into the cache, and the views list their files
                views = bucket != null ? bucket.createViews(c, from, to) : Archive.at(Path.of(archive)).createViews(c);
            }
            if (views.isEmpty())
            {
                throw new IllegalArgumentException("no archive files under " + archive + " (run tickwire export first)");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query))
            {
                print(rs, out);
            }
        }
        return 0;
    }

    /** A result row through the project's row writers (CSV quoting, JSON escaping): every value as text. */
    private static void fields(final String[] names, final String[] row, final RowWriter writer)
    {
        for (int i = 0; i < names.length; i++)
        {
            writer.text(names[i], row[i]);
        }
    }

    private void print(final ResultSet rs, final PrintStream out) throws Exception
    {
        final ResultSetMetaData meta = rs.getMetaData();
        final int n = meta.getColumnCount();
        final List<String[]> rows = new ArrayList<>();
        final String[] names = new String[n];
        for (int i = 0; i < n; i++)
        {
            names[i] = meta.getColumnLabel(i + 1);
        }
        final StringBuilder sb = new StringBuilder(256);
        while (rs.next())
        {
            final String[] row = new String[n];
            for (int i = 0; i < n; i++)
            {
                final Object v = rs.getObject(i + 1);
                row[i] = v == null ? null : v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString();
            }
            if (format == Format.json)
            {
                sb.setLength(0);
                final JsonRow json = new JsonRow(sb).beginObject(); // a row's own writer: no separator before it
                fields(names, row, json);
                json.endObject();
                out.println(sb);
            }
            else
            {
                rows.add(row);
            }
        }
        if (format == Format.csv)
        {
            out.println(CsvRow.header((String[] r, RowWriter w) -> fields(names, r, w), names));
            final CsvRow csv = new CsvRow(sb);
            for (final String[] r : rows)
            {
                sb.setLength(0);
                fields(names, r, csv.begin());
                out.println(sb);
            }
        }
        else if (format == Format.table)
        {
            final int[] width = new int[n];
            for (int i = 0; i < n; i++)
            {
                width[i] = names[i].length();
                for (final String[] r : rows)
                {
                    width[i] = Math.max(width[i], r[i] == null ? 4 : r[i].length());
                }
            }
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++)
            {
                line.append(String.format("%-" + width[i] + "s  ", names[i]));
            }
            out.println(line.toString().stripTrailing());
            for (final String[] r : rows)
            {
                line.setLength(0);
                for (int i = 0; i < n; i++)
                {
                    line.append(String.format("%-" + width[i] + "s  ", r[i] == null ? "null" : r[i]));
                }
                out.println(line.toString().stripTrailing());
            }
            out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
        }
    }
}
