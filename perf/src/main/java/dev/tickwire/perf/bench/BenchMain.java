package dev.tickwire.perf.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickwire.clickhouse.ClickHouseServer;
import dev.tickwire.clickhouse.ClickHouseSinkBench;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.kafka.KafkaBroker;
import dev.tickwire.kafka.KafkaSinkBench;
import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The measurement harness: raw limits of this machine, the full pipeline, tick-to-subscriber
 * latency at fixed offered rates (open loop), replay with books, and the designs tickwire replaces,
 * in one process, one table, {@code perf-results/<date>.json} and {@code .md}.
 * {@code ./tickwire bench [--quick] [--out DIR] [--only latency|pipeline|archive|idle|queries|sinks|storage|features|dtc|hosts] [--rate N]};
 * {@code --quick} (under a minute) only shows the harness runs: its figures are not for publishing (and it leaves
 * out "sinks" and "storage", which take minutes and real servers; {@code --only sinks --quick} runs it small).
 */
public final class BenchMain
{
    /** One line of the table. */
    record Row(String section, String name, double value, String unit, String target, Boolean met)
    {
    }

    private final boolean quick;
    private final long latencyOnlyRate;
    private final String only;
    private final List<Row> rows = new ArrayList<>();

    BenchMain(final boolean quick)
    {
        this(quick, null, 100_000);
    }

    /**
     * @param only run just this measurement: "latency" or "pipeline" (for profiling), or null for all
     * @param rate the offered rate of "latency"
     */
    BenchMain(final boolean quick, final String only, final long rate)
    {
        this.quick = quick;
        this.only = only;
        this.latencyOnlyRate = rate;
    }

    public static void main(final String[] args) throws Exception
    {
        boolean quick = false;
        String only = null;
        long rate = 100_000;
        Path out = Path.of("perf-results");
        for (int i = 0; i < args.length; i++)
        {
            if (args[i].equals("--quick"))
            {
                quick = true;
            }
            else if (args[i].equals("--out") && i + 1 < args.length)
            {
                out = Path.of(args[++i]);
            }
            else if (args[i].equals("--only") && i + 1 < args.length)
            {
                only = args[++i];
            }
            else if (args[i].equals("--rate") && i + 1 < args.length)
            {
                rate = Long.parseLong(args[++i]);
            }
        }
        final BenchMain bench = new BenchMain(quick, only, rate);
        if ("latency".equals(only))
        {
            bench.latencyOnly();
            return;
        }
        if ("pipeline".equals(only))
        {
            bench.pipelineOnly();
            return;
        }
        if ("export".equals(only) || "export-deltas".equals(only)) // for profiling the export alone
        {
            final ArchiveBench.Export e = "export".equals(only) ? ArchiveBench.trades(rate) : ArchiveBench.bookDeltas(rate);
            System.out.printf("export of %,d rows: %,.0f rows/s, %.2f B/row%n", e.rows(), e.rowsPerSecond(), e.archiveBytesPerRow());
            return;
        }
        if ("queries".equals(only))
        {
            bench.queryRows();
            System.out.println(bench.table());
            return;
        }
        if ("sinks".equals(only))
        {
            bench.sinkRows();
            System.out.println(bench.table());
            return;
        }
        if ("dtc".equals(only))
        {
            bench.dtcRows();
            System.out.println(bench.table());
            return;
        }
        if ("hosts".equals(only))
        {
            bench.hostRows();
            System.out.println(bench.table());
            return;
        }
        if ("features".equals(only))
        {
            bench.featureRows();
            System.out.println(bench.table());
            return;
        }
        if ("storage".equals(only))
        {
            bench.bucketRows();
            System.out.println(bench.table());
            return;
        }
        if ("idle".equals(only))
        {
            bench.idleRows();
            System.out.println(bench.table());
            return;
        }
        if ("archive".equals(only))
        {
            final String dir = CommonContext.generateRandomDirName();
            try (MediaDriver driver = RawLimits.sharedDriver(dir))
            {
                bench.archiveRows(driver, null);
            }
            System.out.println(bench.table());
            return;
        }
        bench.run(out);
    }

    private long size(final long quickSize, final long fullSize)
    {
        return quick ? quickSize : fullSize;
    }

    /** Runs every measurement and writes the report; returns the report files. */
    Path[] run(final Path outDir) throws Exception
    {
        final long started = System.nanoTime();
        System.out.println("tickwire bench " + (quick ? "--quick (harness check, not for publishing)" : "(full)") +
            " on " + Machine.describe());
        final String dir = CommonContext.generateRandomDirName();
        try (MediaDriver driver = RawLimits.sharedDriver(dir))
        {
            latencyRows("1 raw limits", "machine: parked thread wake-up (asked 1 µs)", RawLimits.parkWakeup((int)size(10_000, 100_000)));
            add("1 raw limits", "machine: longest stall of a spinning thread in " + size(2, 10) + " s",
                RawLimits.spinStall(size(2_000, 10_000)) / 1000.0, "µs", null, null);
            final double[] chronicle = RawLimits.chronicle(size(300_000, 5_000_000));
            add("1 raw limits", "Chronicle append (tick-sized)", chronicle[0], "msg/s", null, null);
            add("1 raw limits", "Chronicle read", chronicle[1], "msg/s", null, null);
            add("1 raw limits", "Aeron IPC throughput (SHARED driver)", RawLimits.aeronThroughput(driver, size(300_000, 5_000_000)),
                "msg/s", null, null);
            final Histogram aeron = RawLimits.aeronLatency(driver, 100_000, size(100_000, 2_000_000));
            latencyRows("1 raw limits", "Aeron IPC one-way @100k/s", aeron);
            add("1 raw limits", "Disruptor 1P-1C", RawLimits.disruptor(size(5_000_000, 100_000_000)), "events/s", null, null);

            final double pipeline = PipelineBench.saturation(driver, size(300_000, 5_000_000));
            add("2 pipeline", "adapter → validate → journal → book → publish → subscriber", pipeline, "ticks/s",
                "≥ 0.7 × Chronicle append", pipeline >= 0.7 * chronicle[0]);

            PipelineBench.LatencyRun at100k = null;
            for (final long rate : new long[] {10_000, 100_000, 1_000_000})
            {
                final long seconds = rate == 100_000 ? size(2, 60) : size(2, 10);
                final PipelineBench.LatencyRun run = PipelineBench.latency(driver, rate, seconds, rate == 100_000 ? 100 : 10);
                latencyRows("3 tick → subscriber", "offered " + rate / 1000 + "k/s" + (run.dropped() > 0 ?
                    " (" + run.dropped() + " dropped)" : ""), run.histogram());
                if (rate == 100_000)
                {
                    at100k = run;
                }
            }
            latencyRows("3 tick → subscriber", "of which sender lateness @100k/s", at100k.senderLateness());
            final PipelineBench.LatencyRun hot = PipelineBench.latency(driver, 100_000, size(2, 30), 100, true);
            latencyRows("3 tick → subscriber", "offered 100k/s, hot profile (every thread yields)", hot.histogram());
            cpuRows(at100k, hot);
            final double p99 = at100k.histogram().getValueAtPercentile(99);
            add("3 tick → subscriber", "p99 @100k / Aeron IPC p99", p99 / Math.max(1, aeron.getValueAtPercentile(99)), "×",
                "≤ 3", p99 <= 3 * aeron.getValueAtPercentile(99));
            add("3 tick → subscriber", "p99.99 @100k", at100k.histogram().getValueAtPercentile(99.99) / 1000.0, "µs",
                "< 1000", at100k.histogram().getValueAtPercentile(99.99) < 1_000_000);
            add("3 tick → subscriber", "GCs during the 100k/s run (100 instruments)", at100k.gcCount(), "count", "0",
                at100k.gcCount() == 0);
            add("3 tick → subscriber", "heap used after it", at100k.heapUsedBytes() / 1048576.0, "MB", "≤ 512",
                at100k.heapUsedBytes() <= 512L << 20);

            final double replay = PipelineBench.replay(size(300_000, 5_000_000));
            add("4 replay", "journal replay with book rebuild", replay, "events/s", "≥ 10 M", replay >= 10_000_000);

            final double abq = Baselines.arrayBlockingQueue(driver, size(200_000, 2_000_000));
            add("5 baselines", "ArrayBlockingQueue pipeline, same work", abq, "ticks/s", null, null);
            add("5 baselines", "tickwire / ArrayBlockingQueue", pipeline / abq, "×", null, null);
            final Baselines.SqliteRun sqlite = Baselines.sqlite(size(50_000, 1_000_000));
            add("5 baselines", "SQLite ingest (WAL, 5,000-row txns, index)", sqlite.rowsPerSecond(), "rows/s", null, null);
            add("5 baselines", "tickwire / SQLite ingest", pipeline / sqlite.rowsPerSecond(), "×", "≥ 10",
                pipeline >= 10 * sqlite.rowsPerSecond());
            add("5 baselines", "SQLite tick → polling consumer p50", sqlite.visibility().getValueAtPercentile(50) / 1e6, "ms", null, null);
            final double ratio = sqlite.visibility().getValueAtPercentile(50) /
                Math.max(1.0, at100k.histogram().getValueAtPercentile(50));
            add("5 baselines", "visibility: SQLite p50 / tickwire p50 @100k", ratio, "×", "≥ 1000", ratio >= 1000);
            final double hotRatio = sqlite.visibility().getValueAtPercentile(50) /
                Math.max(1.0, hot.histogram().getValueAtPercentile(50));
            add("5 baselines", "visibility: SQLite p50 / tickwire p50 @100k, hot profile", hotRatio, "×", "≥ 1000",
                hotRatio >= 1000);
            archiveRows(driver, at100k);
        }
        queryRows();
        idleRows(); // without the bench's shared driver: an engine alone in its process, as a user runs it
        if (!quick)
        {
            sinkRows(); // minutes, a Kafka broker and a ClickHouse server: not a harness check
            bucketRows();
            featureRows();
            dtcRows();
            hostRows(); // network namespaces: root on Linux
        }
        final Path[] files = write(outDir, (System.nanoTime() - started) / 1e9);
        System.out.println(table());
        System.out.printf("wrote %s and %s in %.0f s%n", files[0], files[1], (System.nanoTime() - started) / 1e9);
        return files;
    }

    /** Section 6: the archive's export rate and size, DuckDB's rate, and latency while the archiver exports. */
    private void archiveRows(final MediaDriver driver, final PipelineBench.LatencyRun at100k) throws Exception
    {
        final long n = size(300_000, 5_000_000);
        final ArchiveBench.Export trades = ArchiveBench.trades(n);
        final ArchiveBench.Export deltas = ArchiveBench.bookDeltas(n);
        final double duck = ArchiveBench.duckDbCsvToParquet(n);
        add("6 archive", "export trades → Parquet (zstd, " + n / 1_000_000.0 + " M rows)", trades.rowsPerSecond(), "rows/s",
            "≥ 2 M and ≥ DuckDB", trades.rowsPerSecond() >= 2_000_000 && trades.rowsPerSecond() >= duck);
        add("6 archive", "export book deltas → Parquet", deltas.rowsPerSecond(), "rows/s", "≥ 2 M",
            deltas.rowsPerSecond() >= 2_000_000);
        add("6 archive", "DuckDB CSV → Parquet, same trades", duck, "rows/s", null, null);
        add("6 archive", "restore an archived day of trades (a query of a day the journal no longer holds)",
            trades.restoredPerSecond(), "rows/s", null, null);
        add("6 archive", "archive bytes per trade", trades.archiveBytesPerRow(), "B", "≤ 12", trades.archiveBytesPerRow() <= 12);
        add("6 archive", "archive bytes per book delta", deltas.archiveBytesPerRow(), "B", "≤ 12", deltas.archiveBytesPerRow() <= 12);
        add("6 archive", "journal bytes per trade", trades.journalBytesPerMessage(), "B", null, null);
        add("6 archive", "journal bytes per book delta", deltas.journalBytesPerMessage(), "B", null, null);
        final long seconds = size(2, 20);
        final PipelineBench.LatencyRun without = PipelineBench.latency(driver, 100_000, seconds, 100);
        final PipelineBench.LatencyRun with = PipelineBench.latency(driver, 100_000, seconds, 100, false,
            ArchiveBench.busyArchiver(size(1_000_000, 20_000_000)));
        latencyRows("6 archive", "tick → subscriber @100k/s, " + seconds + " s, no archiver", without.histogram());
        latencyRows("6 archive", "tick → subscriber @100k/s, " + seconds + " s, archiver exporting", with.histogram());
        final double ratio = with.histogram().getValueAtPercentile(99) / (double)Math.max(1, without.histogram().getValueAtPercentile(99));
        add("6 archive", "p99 with archiver / without", ratio, "×", "≤ 1.10", ratio <= 1.10);
    }

    /** Section 8: history queries: a book at T from book checkpoints; an hour of bars and trades against the day. */
    void queryRows() throws Exception
    {
        final QueryBench.Books books = QueryBench.books(size(300_000, 8_000_000), (int)size(50, 200), (int)size(2, 5));
        final String day = String.format(Locale.ROOT, "%.1f M-delta day", books.deltas() / 1e6);
        latencyRows("8 queries", "book at a random T of a " + day + ", from checkpoints, over HTTP", books.withCheckpoints());
        add("8 queries", "book at T p99 (target ≤ 20 ms)", books.withCheckpoints().getValueAtPercentile(99) / 1e6, "ms", "≤ 20",
            books.withCheckpoints().getValueAtPercentile(99) <= 20_000_000);
        add("8 queries", "book at a random T, no checkpoints (before), p50",
            books.withoutCheckpoints().getValueAtPercentile(50) / 1e6, "ms", null, null);
        add("8 queries", "book checkpoints built (catch-up over the day)", books.checkpointDeltasPerSecond(), "deltas/s", null,
            null);
        final QueryBench.Window w = QueryBench.window(size(300_000, 5_000_000));
        add("8 queries", "one hour of 1m bars of a " + (quick ? "0.3" : "5") + " M-trade day", w.hourBarsMs(), "ms", "≤ 100",
            w.hourBarsMs() <= 100);
        add("8 queries", "the whole day of 1m bars", w.dayBarsMs(), "ms", null, null);
        add("8 queries", "hour / day, bars (the hour is 1/24 = 0.042 of the day)", w.hourBarsMs() / w.dayBarsMs(), "×", null, null);
        add("8 queries", "one hour of trades, /tas JSON pages of 100,000 (" + w.hourTrades() + " trades)", w.hourTradesMs(), "ms", "≤ 100",
            w.hourTradesMs() <= 100);
        add("8 queries", "the whole day of trades, same pages", w.dayTradesMs(), "ms", null, null);
        add("8 queries", "hour / day, trades", w.hourTradesMs() / w.dayTradesMs(), "×", null, null);

        final long seconds = size(2, 10);
        final StreamBench.Client fast = StreamBench.oneClient(0, seconds);
        add("8 queries", "/stream WebSocket: messages/s to one client (source unthrottled)", fast.messagesPerSecond(),
            "msg/s", null, null);
        final StreamBench.Client at10k = StreamBench.oneClient(10_000, seconds);
        latencyRows("8 queries", "/stream tick → client @10k ticks/s (engine receive → client, 1 in 50)", at10k.latencyNs());
        try (MediaDriver driver = RawLimits.sharedDriver(CommonContext.generateRandomDirName()))
        {
            final long runSeconds = size(2, 20);
            final PipelineBench.LatencyRun without = PipelineBench.latency(driver, 100_000, runSeconds, 100);
            final AutoCloseable[] stalled = new AutoCloseable[1];
            final PipelineBench.LatencyRun with = PipelineBench.latency(driver, 100_000, runSeconds, 100, false,
                config -> stalled[0] = StreamBench.stalledClient(config));
            stalled[0].close();
            final double ratio = with.histogram().getValueAtPercentile(99) /
                (double)Math.max(1, without.histogram().getValueAtPercentile(99));
            add("8 queries", "engine tick → subscriber p99 @100k/s, no stream client", without.histogram()
                .getValueAtPercentile(99) / 1000.0, "µs", null, null);
            add("8 queries", "the same with a /stream client that stopped reading", with.histogram()
                .getValueAtPercentile(99) / 1000.0, "µs", null, null);
            add("8 queries", "p99 with the stalled client / without", ratio, "×", "< 1.05", ratio < 1.05);
        }
    }

    /**
     * Section 12: the dtc source: a DTC server on loopback sends trades at 10 k and 100 k/s; the time from the
     * source reading each off the socket to its arrival at a subscriber over Aeron (default profile).
     */
    void dtcRows() throws Exception
    {
        final String s = "12 dtc";
        final long seconds = size(2, 20);
        try (MediaDriver driver = RawLimits.sharedDriver(CommonContext.generateRandomDirName()))
        {
            for (final long rate : new long[] {10_000, 100_000})
            {
                final org.HdrHistogram.Histogram h = DtcBench.latency(driver, rate, seconds);
                final String what = String.format(Locale.ROOT, "DTC trade received → subscriber @%dk/s, %d s", rate / 1000,
                    seconds);
                add(s, what + ", p50", h.getValueAtPercentile(50) / 1000.0, "µs", "≤ 200", h.getValueAtPercentile(50) <= 200_000);
                add(s, what + ", p99", h.getValueAtPercentile(99) / 1000.0, "µs", null, null);
            }
        }
    }

    /**
     * Section 13: across hosts, each in a network namespace of its own on a bridge (a JVM and a media driver
     * each): ticks at 100 k/s over UDP to a strategy on another host, and a late joiner that catches up a million
     * recorded messages through the Aeron Archive (ReplayMerge) while live ticks go on at 10 k/s.
     */
    void hostRows() throws Exception
    {
        final String s = "13 hosts";
        final String why = dev.tickwire.engine.hosts.Hosts.unavailable();
        if (why != null)
        {
            System.out.println("section 13 skipped: " + why);
            return;
        }
        final long seconds = size(2, 10);
        final HostsBench.Udp udp = HostsBench.udp(100_000, seconds);
        final String what = String.format(Locale.ROOT, "tick → strategy in another namespace, UDP (MDC, fc=min) @100k/s, %d s",
            seconds);
        add(s, what + ": messages/s received", udp.messagesPerSecond(), "msg/s", "≥ 99 k", udp.messagesPerSecond() >= 99_000);
        latencyRows(s, what, udp.delay());
        add(s, what + ": gaps seen / dropped by the engine", udp.gaps() + udp.dropped(), "msgs", "0",
            udp.gaps() + udp.dropped() == 0);
        try (MediaDriver driver = RawLimits.sharedDriver(CommonContext.generateRandomDirName()))
        {
            // the same probe on one host over IPC, in the same minutes: what the network and the second JVM add
            latencyRows(s, "the same on one host, aeron:ipc, same run", PipelineBench.latency(driver, 100_000, seconds, 100)
                .histogram());
        }
        final long history = size(200_000, 1_000_000);
        final HostsBench.Catchup catchup = HostsBench.catchup(history, 10_000);
        final String late = String.format(Locale.ROOT, "late joiner on another host: replay %.1f M recorded ticks, merge into live (10k/s on)",
            history / 1e6);
        add(s, late + ": time to live", catchup.seconds(), "s", null, null);
        add(s, late + ": catch-up rate", catchup.messagesPerSecond(), "msg/s", null, null);
        add(s, late + ": gaps", catchup.gaps(), "msgs", "0", catchup.gaps() == 0);

        // the embedded archive shares the driver's thread: an idle engine that records should still cost almost nothing
        final long settle = size(4, 30);
        final long measure = size(4, 30);
        final double ipc = IdleBench.idleCpuPercent("quiet", settle, measure, config -> record(config, "aeron:ipc"));
        add(s, "idle engine recording (embedded archive), aeron:ipc", ipc, "% core", "≤ 2", ipc <= 2);
        final double mdc = IdleBench.idleCpuPercent("quiet", settle, measure, config -> record(config,
            "aeron:udp?control=localhost:" + freePort() + "|control-mode=dynamic"));
        add(s, "idle engine recording (embedded archive), UDP MDC", mdc, "% core", null, null);
        final double mdcAlone = IdleBench.idleCpuPercent("quiet", settle, measure, config ->
            config.aeron.channel = "aeron:udp?control=localhost:" + freePort() + "|control-mode=dynamic");
        add(s, "idle engine on UDP MDC, not recording (what UDP itself costs)", mdcAlone, "% core", null, null);
    }

    private static void record(final TickwireConfig config, final String channel)
    {
        config.aeron.channel = channel;
        config.archive.aeron.record = true;
        config.archive.aeron.controlChannel = "aeron:udp?endpoint=localhost:" + freePort();
    }

    private static int freePort()
    {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /**
     * Section 11: bar features. Live: 100 instruments, seven timeframes (15s .. 1d) of bars, features off and on,
     * A B A B, medians of the p99s; and the pipeline's saturation rate both ways. History: 1m feature bars of a day
     * beside DuckDB's SQL for the trade features and a time-weighted spread over the same day in Parquet.
     */
    void featureRows() throws Exception
    {
        final String s = "11 features";
        final long seconds = size(3, 15);
        final int pairs = quick ? 1 : 2;
        final double[] off = new double[pairs];
        final double[] on = new double[pairs];
        final double[] satOff = new double[pairs];
        final double[] satOn = new double[pairs];
        try (MediaDriver driver = RawLimits.sharedDriver(CommonContext.generateRandomDirName()))
        {
            for (int i = 0; i < pairs; i++)
            {
                off[i] = PipelineBench.latency(driver, 100_000, seconds, 100, false, FeatureBench.bars(false)).histogram()
                    .getValueAtPercentile(99);
                on[i] = PipelineBench.latency(driver, 100_000, seconds, 100, false, FeatureBench.bars(true)).histogram()
                    .getValueAtPercentile(99);
                satOff[i] = PipelineBench.saturation(driver, size(500_000, 5_000_000), FeatureBench.bars(false));
                satOn[i] = PipelineBench.saturation(driver, size(500_000, 5_000_000), FeatureBench.bars(true));
            }
        }
        final double a = median(off);
        final double b = median(on);
        add(s, "tick → subscriber p99 @100k/s, 100 instruments, 7 timeframes of bars, features off", a / 1000.0, "µs", null,
            null);
        add(s, "the same, features on", b / 1000.0, "µs", null, null);
        add(s, "p99 features on / off", b / Math.max(1, a), "×", "≤ 1.10", b <= 1.10 * a);
        add(s, "pipeline saturation, 7 timeframes, features off", median(satOff), "ticks/s", null, null);
        add(s, "pipeline saturation, features on", median(satOn), "ticks/s", null, null);
        add(s, "saturation features on / off", median(satOn) / median(satOff), "×", "≥ 0.90",
            median(satOn) >= 0.90 * median(satOff));
        final FeatureBench.History h = FeatureBench.history(size(500_000, 8_000_000));
        final String day = String.format(Locale.ROOT, "a day of %.1f M msgs (20 %% trades, 20 %% quotes, 60 %% deltas)",
            h.messages() / 1e6);
        add(s, "1m feature bars from the journal (every feature), " + day, h.messagesPerSecond(), "msgs/s", null, null);
        add(s, "DuckDB SQL: trade features + time-weighted spread per minute, same day in Parquet",
            h.duckDbMessagesPerSecond(), "msgs/s", null, null);
        add(s, "bars: tickwire / DuckDB rows", h.bars() / (double)Math.max(1, h.duckDbRows()), "×", null, null);
    }

    /**
     * Section 10: the archive in a bucket (S3Proxy on loopback): upload beside the local archive's write
     * rate, and a one-hour and a one-day query from the bucket (cold and warm cache) beside the local archive.
     */
    void bucketRows() throws Exception
    {
        final String s = "10 object storage";
        final BucketBench.Result r = BucketBench.run(size(300_000, 5_000_000), quick ? 3 : 5);
        final String day = String.format(Locale.ROOT, "a day of %.1f M trades (%.1f MB archived)", r.trades() / 1e6,
            r.dayBytes() / 1e6);
        add(s, "local archive written (export + verify), " + day, r.localRowsPerSecond(), "rows/s", null, null);
        add(s, "local archive written, bytes", r.localMegabytesPerSecond(), "MB/s", null, null);
        add(s, "that day uploaded to S3Proxy on loopback (files, then manifest)", r.dayMegabytesPerSecond(), "MB/s", null,
            null);
        add(s, "64 files of 1 MiB uploaded", r.smallMegabytesPerSecond(), "MB/s", null, null);
        add(s, "64 files of 1 MiB uploaded, files", r.smallFilesPerSecond(), "files/s", null, null);
        for (final Object[] q : new Object[][] {{"1 h", r.hour()}, {"1 day", r.day()}})
        {
            final BucketBench.Queries t = (BucketBench.Queries)q[1];
            final String what = q[0] + " of 1m bars (every trade read) of a day the journal no longer holds";
            add(s, what + ": local archive", t.local(), "ms", null, null);
            add(s, what + ": bucket, cold cache", t.cold(), "ms", null, null);
            add(s, what + ": bucket, warm cache", t.warm(), "ms", null, null);
        }
    }

    /**
     * Section 9: the Kafka and ClickHouse outputs against real servers (an embedded KRaft broker, Debian's
     * clickhouse-server): throughput over a synthetic journal, tick → visible in the sink at 10k ticks/s, and
     * the engine's latency with a Kafka output whose broker is down.
     */
    void sinkRows() throws Exception
    {
        final String s = "9 sinks";
        final long n = size(200_000, 5_000_000);
        final String journalName = (n >= 1_000_000 ? n / 1_000_000 + " M" : n / 1_000 + " k") + " msgs";
        final long e2eSeconds = size(5, 20);
        final Path dir = Files.createTempDirectory("tickwire-bench-sinks");
        try
        {
            final Path journal = dir.resolve("journal");
            SinkBench.writeJournal(journal, n);
            try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka")))
            {
                for (final String format : new String[] {"avro", "json"})
                {
                    final KafkaSinkBench.Result r = KafkaSinkBench.run(journal, broker.bootstrap(), format, 10_000);
                    add(s, "Kafka output: journal of " + journalName + " → broker, " + format + " (txns of 10,000)",
                        r.messagesPerSecond(), "msg/s", null, null);
                }
                for (final String interval : new String[] {"1s", "100ms"})
                {
                    delayRows(s, "journaled → Kafka read_committed @10k/s, flush " + interval +
                        ("1s".equals(interval) ? " (default)" : ""), SinkBench.kafkaDelay(broker.bootstrap(), interval,
                        10_000, e2eSeconds));
                }
            }
            try (ClickHouseServer server = ClickHouseServer.start())
            {
                final ClickHouseSinkBench.Result r = ClickHouseSinkBench.run(journal, server.url().toString(),
                    "tickwire_bench", 100_000);
                add(s, "ClickHouse output: journal of " + journalName + " → 18.16 (batches of 100,000)",
                    r.messagesPerSecond(), "msg/s", null, null);
                add(s, "its delay: handed to the output → insert returned, p50", r.delayP50Micros() / 1000.0, "ms",
                    null, null);
                add(s, "its delay: handed to the output → insert returned, p99", r.delayP99Micros() / 1000.0, "ms",
                    null, null);
                delayRows(s, "journaled → ClickHouse trades @10k/s, flush 1s (default)",
                    SinkBench.clickHouseDelay(server, 10_000, e2eSeconds));
            }
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
        // A B A B (A B): runs of 15 s measured (plus 2 s of warm-up) each, medians of their p99s
        try (MediaDriver driver = RawLimits.sharedDriver(CommonContext.generateRandomDirName()))
        {
            final long seconds = size(3, 17);
            final int pairs = (int)size(2, 3);
            final double[] without = new double[pairs];
            final double[] with = new double[pairs];
            for (int i = 0; i < pairs; i++)
            {
                without[i] = PipelineBench.latency(driver, 100_000, seconds, 100).histogram().getValueAtPercentile(99);
                with[i] = PipelineBench.latency(driver, 100_000, seconds, 100, false, SinkBench.kafkaBrokerDown())
                    .histogram().getValueAtPercentile(99);
            }
            System.out.printf(Locale.ROOT, "  p99s (µs) of the runs, no output: %s; broker down: %s%n",
                java.util.Arrays.toString(micros(without)), java.util.Arrays.toString(micros(with)));
            final double a = median(without);
            final double b = median(with);
            add(s, "tick → subscriber p99 @100k/s, no output (median of " + pairs + ")", a / 1000.0, "µs",
                null, null);
            add(s, "the same with a Kafka output whose broker is down", b / 1000.0, "µs", null, null);
            add(s, "p99 with the broker down / without the output", b / Math.max(1, a), "×", "< 1.05",
                b / Math.max(1, a) < 1.05);
        }
    }

    private static long[] micros(final double[] nanos)
    {
        final long[] out = new long[nanos.length];
        for (int i = 0; i < nanos.length; i++)
        {
            out[i] = Math.round(nanos[i] / 1000);
        }
        return out;
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        final int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** A sink's delay: p50, p99, max in ms. */
    private void delayRows(final String section, final String name, final Histogram h)
    {
        add(section, name + " p50", h.getValueAtPercentile(50) / 1e6, "ms", null, null);
        add(section, name + " p99", h.getValueAtPercentile(99) / 1e6, "ms", null, null);
        add(section, name + " max (" + h.getTotalCount() + ")", h.getMaxValue() / 1e6, "ms", null, null);
    }

    /**
     * Section 7: the CPU of an engine with nothing to do, quiet (the default) and eager (before quiet
     * parks), and the price of quiet in latency: p50 @100k/s quiet vs eager in the same run.
     */
    void idleRows() throws Exception
    {
        final long settle = size(4, 30);
        final long measure = size(4, 30);
        final double quiet = IdleBench.idleCpuPercent("quiet", settle, measure);
        add("7 idle", "engine tailing a Sierra Chart folder with no new data (defaults)", quiet, "% core", "≤ 2", quiet <= 2);
        add("7 idle", "the same, engine.idle: eager (as before quiet parks)",
            IdleBench.idleCpuPercent("eager", settle, measure), "% core", null, null);
        try (MediaDriver driver = RawLimits.sharedDriver(CommonContext.generateRandomDirName()))
        {
            final long seconds = size(2, 20);
            final PipelineBench.LatencyRun eager = PipelineBench.latency(driver, 100_000, seconds, 100, false,
                config -> config.engine.idle = "eager");
            final PipelineBench.LatencyRun quietRun = PipelineBench.latency(driver, 100_000, seconds, 100);
            latencyRows("7 idle", "tick → subscriber @100k/s, engine.idle: eager", eager.histogram());
            latencyRows("7 idle", "tick → subscriber @100k/s, engine.idle: quiet (default)", quietRun.histogram());
            final double ratio = quietRun.histogram().getValueAtPercentile(50) /
                (double)Math.max(1, eager.histogram().getValueAtPercentile(50));
            add("7 idle", "p50 @100k/s quiet / eager", ratio, "×", "≤ 1.10", ratio <= 1.10);
        }
    }

    /** Only the saturation run (5 M ticks; 300 k with --quick): for profiling. */
    void pipelineOnly() throws Exception
    {
        try (MediaDriver driver = RawLimits.sharedDriver(CommonContext.generateRandomDirName()))
        {
            add("2 pipeline", "adapter → validate → journal → book → publish → subscriber",
                PipelineBench.saturation(driver, size(300_000, 5_000_000)), "ticks/s", null, null);
        }
    }

    /**
     * Only the tick-to-subscriber runs at one rate ({@code --rate}, default 100k/s), defaults for 60 s
     * and the hot profile for 30 s: for profiling (e.g. with -XX:StartFlightRecording) and A/B tests.
     */
    void latencyOnly() throws Exception
    {
        final long rate = latencyOnlyRate;
        final String label = "offered " + rate / 1000 + "k/s";
        try (MediaDriver driver = RawLimits.sharedDriver(CommonContext.generateRandomDirName()))
        {
            final PipelineBench.LatencyRun run = PipelineBench.latency(driver, rate, quick ? 10 : 60, 100);
            latencyRows("3 tick → subscriber", label, run.histogram());
            latencyRows("3 tick → subscriber", "of which sender lateness", run.senderLateness());
            final PipelineBench.LatencyRun hot = PipelineBench.latency(driver, rate, quick ? 10 : 30, 100, true);
            latencyRows("3 tick → subscriber", label + ", hot profile (every thread yields)", hot.histogram());
            cpuRows(run, hot);
        }
    }

    private void cpuRows(final PipelineBench.LatencyRun defaults, final PipelineBench.LatencyRun hot)
    {
        add("3 tick → subscriber", "CPU of the process @100k/s, defaults (100 % = one core)", defaults.cpuPercent(), "%",
            null, null);
        add("3 tick → subscriber", "CPU of the process @100k/s, hot profile", hot.cpuPercent(), "%", null, null);
    }

    private void latencyRows(final String section, final String name, final Histogram h)
    {
        add(section, name + " p50", h.getValueAtPercentile(50) / 1000.0, "µs", null, null);
        add(section, name + " p99", h.getValueAtPercentile(99) / 1000.0, "µs", null, null);
        add(section, name + " p99.9", h.getValueAtPercentile(99.9) / 1000.0, "µs", null, null);
        add(section, name + " p99.99", h.getValueAtPercentile(99.99) / 1000.0, "µs", null, null);
        add(section, name + " max", h.getMaxValue() / 1000.0, "µs", null, null);
    }

    private void add(final String section, final String name, final double value, final String unit, final String target,
        final Boolean met)
    {
        final Row row = new Row(section, name, value, unit, target, met);
        rows.add(row);
        System.out.println("  " + format(row));
    }

    private static String format(final Row r)
    {
        return String.format(Locale.ROOT, "%-22s %-62s %16s %-8s %s", r.section(), r.name(), number(r.value()), r.unit(),
            r.target() == null ? "" : "target " + r.target() + ": " + (r.met() ? "met" : "NOT met"));
    }

    String table()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Row r : rows)
        {
            sb.append(format(r)).append('\n');
        }
        return sb.toString();
    }

    private static String number(final double v)
    {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private Path[] write(final Path outDir, final double seconds) throws IOException
    {
        Files.createDirectories(outDir);
        final String date = LocalDate.now(ZoneOffset.UTC).toString() + (quick ? "-quick" : "");
        final ObjectMapper json = new ObjectMapper();
        final ObjectNode root = json.createObjectNode();
        root.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        root.put("mode", quick ? "quick" : "full");
        root.put("machine", Machine.describe());
        root.put("seconds", seconds);
        final ArrayNode array = root.putArray("results");
        for (final Row r : rows)
        {
            final ObjectNode o = array.addObject();
            o.put("section", r.section()).put("name", r.name()).put("value", r.value()).put("unit", r.unit());
            if (r.target() != null)
            {
                o.put("target", r.target()).put("met", r.met());
            }
        }
        final Path jsonFile = outDir.resolve(date + ".json");
        json.writerWithDefaultPrettyPrinter().writeValue(jsonFile.toFile(), root);
        final StringBuilder md = new StringBuilder();
        md.append("# tickwire bench ").append(date).append("\n\nMachine: ").append(Machine.describe())
            .append("\n\n| section | measurement | value | unit | target |\n|---|---|---:|---|---|\n");
        for (final Row r : rows)
        {
            md.append("| ").append(r.section()).append(" | ").append(r.name()).append(" | ").append(number(r.value()))
                .append(" | ").append(r.unit()).append(" | ")
                .append(r.target() == null ? "" : r.target() + (r.met() ? " ✅ met" : " ❌ not met")).append(" |\n");
        }
        final Path mdFile = outDir.resolve(date + ".md");
        Files.writeString(mdFile, md);
        return new Path[] {jsonFile, mdFile};
    }
}
