package dev.tickwire.perf.bench;

import dev.tickwire.adapters.http.HttpFetcher;
import dev.tickwire.adapters.tardis.download.TardisApi;
import dev.tickwire.adapters.tardis.download.TardisDownloadPlan;
import dev.tickwire.adapters.tardis.download.TardisDownloadReport;
import dev.tickwire.adapters.tardis.download.TardisDownloader;
import dev.tickwire.adapters.tardis.download.TardisTestServer;
import dev.tickwire.adapters.tardis.download.TardisTestServer.Fault;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The Tardis downloader's throughput on loopback: the tests' stand-in server serves N day files of about
 * M MB each (gzip of trade-like CSV text, as real ones are); the downloader (default retry policy, as a
 * user runs it) fetches them into an empty folder with C at a time, verifying each gzip stream or not; a
 * fraction of the files first answer 429 with {@code Retry-After: 1}. Prints files, MB, seconds, MB/s and
 * retries.
 *
 * <pre>java -cp perf/target/classes:$(cat cp.txt) dev.tickwire.perf.bench.TardisDownloadBench [files] [MB] [concurrency] [throttled fraction] [verify]</pre>
 */
public final class TardisDownloadBench
{
    private TardisDownloadBench()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int files = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        final double mb = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        final int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        final double throttled = args.length > 3 ? Double.parseDouble(args[3]) : 0.0;
        final boolean verify = args.length <= 4 || Boolean.parseBoolean(args[4]);
        final byte[] file = dayFile((long)(mb * 1_000_000));
        final Path cache = Files.createTempDirectory("tickwire-bench-tardis");
        try (TardisTestServer server = new TardisTestServer("bench-key").datasets(path -> file);
             HttpFetcher fetcher = new HttpFetcher("tardis", HttpFetcher.client(Duration.ofSeconds(10)),
                 TardisApi.defaultPolicy()))
        {
            final LocalDate from = LocalDate.parse("2023-01-01");
            final SplittableRandom random = new SplittableRandom(17);
            for (int i = 0; i < files; i++)
            {
                if (random.nextDouble() < throttled)
                {
                    final LocalDate d = from.plusDays(i);
                    server.script(String.format(Locale.ROOT, "/v1/binance-futures/trades/%04d/%02d/%02d/BTCUSDT.csv.gz",
                        d.getYear(), d.getMonthValue(), d.getDayOfMonth()), Fault.throttled("1"));
                }
            }
            final TardisApi api = new TardisApi(server.url(), server.url(), "bench-key", fetcher);
            final TardisDownloadPlan plan = TardisDownloadPlan.of(new TardisDownloadPlan.Request("binance-futures",
                List.of("trades"), List.of("BTCUSDT"), from, from.plusDays(files - 1)), null, true);
            final TardisDownloadReport report = new TardisDownloader(api, cache, concurrency, false, verify)
                .run(plan, new TardisDownloader.Listener() { });
            System.out.printf(Locale.ROOT, "%d files x %.2f MB, concurrency %d, verify %s, throttled %.0f%%: fetched %d, " +
                    "failed %d, %.1f MB in %.2f s = %.1f MB/s (%.1f files/s), retries %d (429: %d)%n", files,
                file.length / 1e6, concurrency, verify, throttled * 100, report.count(TardisDownloader.Outcome.FETCHED),
                report.failures().size(), report.bytesFetched() / 1e6, report.nanos() / 1e9, report.megabytesPerSecond(),
                report.count(TardisDownloader.Outcome.FETCHED) / (report.nanos() / 1e9), fetcher.retries(),
                fetcher.throttled());
        }
        finally
        {
            try (Stream<Path> all = Files.walk(cache))
            {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A gzip file of about {@code bytes} bytes holding trade rows with random prices, amounts and times. */
    static byte[] dayFile(final long bytes) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream((int)bytes + 65536);
        final SplittableRandom random = new SplittableRandom(1);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 65536))
        {
            gzip.write("exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n".getBytes());
            long t = 1_672_531_200_000_000L;
            long id = 2_900_000_000L;
            final StringBuilder row = new StringBuilder(128);
            while (out.size() < bytes)
            {
                for (int i = 0; i < 1000; i++)
                {
                    t += random.nextInt(5_000_000);
                    id += 1 + random.nextInt(3);
                    row.setLength(0);
                    row.append("binance-futures,BTCUSDT,").append(t).append(',').append(t + random.nextInt(5000)).append(',')
                        .append(id).append(random.nextBoolean() ? ",buy," : ",sell,").append(16_000 + random.nextInt(9000))
                        .append('.').append(random.nextInt(10)).append(",0.").append(random.nextInt(1000)).append('\n');
                    gzip.write(row.toString().getBytes());
                }
            }
        }
        return out.toByteArray();
    }
}
