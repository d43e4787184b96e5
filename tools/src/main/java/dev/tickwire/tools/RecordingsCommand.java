package dev.tickwire.tools;

import io.aeron.archive.client.AeronArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickwire recordings}: what the engine's Aeron Archive holds, one recording per engine run and stream. */
@Command(name = "recordings", mixinStandardHelpOptions = true,
    description = "List the recordings in the engine's Aeron Archive (one per engine run and stream).")
final class RecordingsCommand implements Callable<Integer>
{
    @Mixin
    AeronClientOptions aeronOptions;

    @Option(names = "--stream", description = "Only this stream (1001 market data, 1003 bars).")
    Integer stream;

    private record Row(long recordingId, int streamId, long startTimestamp, long stopTimestamp, long startPosition,
        long stopPosition, int sessionId, String channel)
    {
    }

    @Override
    public Integer call()
    {
        try (AeronClientOptions.Connected connected = aeronOptions.connect();
             AeronArchive archive = aeronOptions.archive(connected.aeron()))
        {
            System.out.printf("%-6s %-7s %-8s %-24s %-24s %14s %14s %12s  %s%n", "id", "stream", "state", "start",
                "stop", "startPosition", "stopPosition", "sessionId", "channel");
            final List<Row> rows = new ArrayList<>();
            archive.listRecordings(0, Integer.MAX_VALUE,
                (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition,
                    stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId,
                    strippedChannel, originalChannel, sourceIdentity) ->
                {
                    if (stream == null || stream == streamId)
                    {
                        rows.add(new Row(recordingId, streamId, startTimestamp, stopTimestamp, startPosition,
                            stopPosition, sessionId, strippedChannel));
                    }
                });
            for (final Row row : rows) // the archive answers one request at a time: positions after the list
            {
                final boolean active = row.stopPosition == AeronArchive.NULL_POSITION;
                final long position = active ? archive.getRecordingPosition(row.recordingId) : row.stopPosition;
                System.out.printf("%-6d %-7d %-8s %-24s %-24s %14d %14d %12d  %s%n", row.recordingId, row.streamId,
                    active ? "active" : "stopped", Instant.ofEpochMilli(row.startTimestamp),
                    active ? "-" : Instant.ofEpochMilli(row.stopTimestamp).toString(), row.startPosition, position,
                    row.sessionId, row.channel);
            }
            System.err.println(rows.size() + " recording(s) in the archive at " + aeronOptions.archiveControl);
        }
        return 0;
    }
}
