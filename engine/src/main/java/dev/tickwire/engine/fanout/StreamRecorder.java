package dev.tickwire.engine.fanout;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks an Aeron Archive to record the engine's publications, and waits until it does before the first tick.
 *
 * <p>Locally (the embedded archive, or an external one sharing the engine's driver) the archive spies on the
 * publication: it reads the publication's own log buffers, nothing goes over the network, and the engine's
 * thread does nothing more per tick. Each engine run is a new recording (a new publication session): the
 * archive's catalog keeps the earlier ones, {@code tickwire recordings} lists them. Not on the engine thread:
 * this runs at start and at close.
 */
public final class StreamRecorder implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(StreamRecorder.class);
    private static final long AWAIT_NS = TimeUnit.SECONDS.toNanos(10);

    /** One recorded publication: its channel (as recorded), stream, and the archive's recording id. */
    public record Recording(String channel, int streamId, long recordingId, ExclusivePublication publication)
    {
    }

    private final AeronArchive archive;
    private final List<Recording> recordings = new ArrayList<>();

    private StreamRecorder(final AeronArchive archive)
    {
        this.archive = archive;
    }

    /**
     * Connects to the archive: the embedded one over IPC (its local control channel), an external one by
     * its control channel.
     */
    public static StreamRecorder connect(
        final Aeron aeron, final boolean embedded, final String controlChannel, final String responseChannel)
    {
        final AeronArchive.Context context = new AeronArchive.Context().aeron(aeron)
            .controlRequestChannel(embedded ? CommonContext.IPC_CHANNEL : controlChannel)
            .controlResponseChannel(embedded ? CommonContext.IPC_CHANNEL : responseChannel);
        try
        {
            return new StreamRecorder(AeronArchive.connect(context));
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalStateException("cannot reach the Aeron Archive" +
                (embedded ? "" : " at " + controlChannel + " (archive.aeron.controlChannel; is it running?)"), ex);
        }
    }

    /**
     * Starts recording {@code publication} and returns once the archive has its recording.
     *
     * @param recordChannel the channel the archive subscribes with over the network, or null to record locally
     *                      from the publication's log buffers
     * @param keep          stopped recordings of this stream to keep (the newest); 0 keeps all
     */
    public Recording record(final ExclusivePublication publication, final String recordChannel, final int keep)
    {
        final int streamId = publication.streamId();
        if (keep > 0)
        {
            purgeOld(streamId, keep);
        }
        // this session only: another publication on the stream (a second engine on the driver) is not ours
        final ChannelUri uri = ChannelUri.parse(recordChannel != null ? recordChannel : publication.channel());
        uri.put(CommonContext.SESSION_ID_PARAM_NAME, Integer.toString(publication.sessionId()));
        final String channel = uri.toString();
        final SourceLocation location = recordChannel != null ? SourceLocation.REMOTE : SourceLocation.LOCAL;
        // autoStop: the archive drops its subscription when this session ends (also when the engine dies)
        archive.startRecording(channel, streamId, location, true);
        final long deadline = System.nanoTime() + AWAIT_NS;
        long recordingId;
        while ((recordingId = archive.findLastMatchingRecording(0, "aeron:", streamId, publication.sessionId())) ==
            Aeron.NULL_VALUE)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the Aeron Archive did not start recording " + channel + " stream " +
                    streamId + " within 10 s");
            }
            sleep();
        }
        final Recording recording = new Recording(channel, streamId, recordingId, publication);
        recordings.add(recording);
        LOG.info("recording {} stream {} as recording {}", channel, streamId, recordingId);
        return recording;
    }

    private void purgeOld(final int streamId, final int keep)
    {
        final List<Long> stopped = new ArrayList<>();
        archive.listRecordings(0, Integer.MAX_VALUE,
            (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition,
                stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, stream,
                strippedChannel, originalChannel, sourceIdentity) ->
            {
                if (stream == streamId && stopPosition != AeronArchive.NULL_POSITION)
                {
                    stopped.add(recordingId);
                }
            });
        stopped.sort(java.util.Comparator.reverseOrder());
        for (int i = keep; i < stopped.size(); i++)
        {
            archive.purgeRecording(stopped.get(i));
            LOG.info("purged recording {} of stream {} (archive.aeron.keep: {})", stopped.get(i), streamId, keep);
        }
    }

    public List<Recording> recordings()
    {
        return List.copyOf(recordings);
    }

    /**
     * Waits (up to a few seconds) until the archive has recorded everything published so far: called when
     * the engine has drained, before its publications close, so a recording ends where the stream ended.
     */
    public void awaitRecorded()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (final Recording recording : recordings)
        {
            final long target = recording.publication().position();
            long recorded;
            while ((recorded = archive.getRecordingPosition(recording.recordingId())) != AeronArchive.NULL_POSITION &&
                recorded < target && System.nanoTime() < deadline)
            {
                sleep();
            }
        }
    }

    private static void sleep()
    {
        try
        {
            Thread.sleep(2);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(archive);
    }
}
