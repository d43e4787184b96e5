package dev.tickwire.journal;

import dev.tickwire.wire.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WatermarkTest
{
    @TempDir
    Path dir;

    @Test
    void isTheRunningMaxOfAcceptedMarketEventTimes()
    {
        final SampleMessages m = new SampleMessages();
        final List<Long> expected = new ArrayList<>();
        try (Journal journal = JournalTestSupport.open(dir))
        {
            assertThat(journal.lastWatermarkNs()).isEqualTo(Values.NONE);
            try (JournalWriter writer = journal.writer())
            {
                assertThat(writer.watermarkNs()).isEqualTo(Values.NONE);

                append(writer, m, m.instrument(0, 1, 0, 999), expected, Values.NONE); // not a market event
                append(writer, m, m.trade(1, 1, 1, 100, true), expected, 100);
                append(writer, m, m.quote(2, 2, 1, 90), expected, 100);          // source 2 lags: no change
                append(writer, m, m.bookDelta(3, 1, 2, 120), expected, 120);
                append(writer, m, m.trade(4, 2, 2, 5_000_000_000L, false), expected, 120); // rejected outlier
                append(writer, m, m.quote(5, 2, 3, 110), expected, 120);
                append(writer, m, m.status(6, 1, 3, 7_000), expected, 120);      // status: not a market event
                append(writer, m, m.instrument(7, 1, 4, 8_000), expected, 120);
                append(writer, m, m.quote(8, 2, 4, 130), expected, 130);
                append(writer, m, m.trade(9, 1, 5, 125, true), expected, 130);
                assertThat(writer.watermarkNs()).isEqualTo(130);
            }
            assertThat(readWatermarks(journal)).isEqualTo(expected);
            assertThat(journal.lastWatermarkNs()).isEqualTo(130);
        }
    }

    @Test
    void aReopenedWriterContinuesTheWatermark()
    {
        final SampleMessages m = new SampleMessages();
        try (Journal journal = JournalTestSupport.open(dir); JournalWriter writer = journal.writer())
        {
            writer.append(m.buffer, 0, m.trade(0, 1, 0, 500, true));
            writer.append(m.buffer, 0, m.status(1, 1, 1, 900)); // last excerpt is not a market event
        }
        try (Journal journal = JournalTestSupport.open(dir); JournalWriter writer = journal.writer())
        {
            assertThat(journal.lastWatermarkNs()).isEqualTo(500);
            assertThat(writer.watermarkNs()).isEqualTo(500);
            writer.append(m.buffer, 0, m.quote(2, 1, 2, 400));             // older: watermark holds
            writer.append(m.buffer, 0, m.trade(3, 1, 3, 600, true));
            assertThat(readWatermarks(journal)).containsExactly(500L, 500L, 500L, 600L);
            assertThat(journal.lastSequence()).isEqualTo(3);
        }
    }

    /** Appends the message just encoded into m and records the watermark it should carry. */
    private static void append(final JournalWriter writer, final SampleMessages m, final int length,
        final List<Long> expected, final long watermark)
    {
        writer.append(m.buffer, 0, length);
        assertThat(writer.watermarkNs()).isEqualTo(watermark);
        expected.add(watermark);
    }

    private static List<Long> readWatermarks(final Journal journal)
    {
        final List<Long> watermarks = new ArrayList<>();
        try (JournalReader reader = journal.reader())
        {
            while (reader.poll((buffer, offset, length, index, watermarkNs) -> watermarks.add(watermarkNs), 100) > 0)
            {
                // drain
            }
        }
        return watermarks;
    }
}
