package dev.tickwire.client;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.ReplayMerge;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replays the engine's recordings and merges into its live stream without a gap or a duplicate: earlier engine
 * runs (stopped recordings) are replayed one after the other, then Aeron's {@link ReplayMerge} replays the
 * current run's recording and switches to the live stream once the replay has caught up with it (the replay
 * and the live stream are the same publication session, so the image carries on at the same position).
 *
 * <p>The live stream must be UDP with a control endpoint the subscriber announces itself to (multi-destination
 * cast, dynamic control mode): {@code liveChannel} is what the subscriber would otherwise subscribe to, e.g.
 * {@code aeron:udp?endpoint=10.0.0.2:0|control=10.0.0.1:40124}; replays come to the same host on a free port.
 */
final class ArchiveCatchup implements Catchup
{
    /** The descriptor fields a catch-up needs. */
    record Recording(long recordingId, long startTimestampMs, long stopTimestampMs, long startPosition,
        long stopPosition, int sessionId)
    {
        boolean active()
        {
            return stopPosition == AeronArchive.NULL_POSITION;
        }
    }

    private final AeronArchive archive;
    private final Aeron aeron;
    private final int streamId;
    private final String host;
    private final String liveDestination;
    private final ArrayDeque<Recording> past;
    private final Recording live;
    private final long liveStart;

    private Recording replaying;
    private Subscription replaySubscription;
    private long replaySessionId = Aeron.NULL_VALUE;
    private Subscription mergeSubscription;
    private ReplayMerge merge;
    private Subscription merged;

    private ArchiveCatchup(final AeronArchive archive, final int streamId, final String host,
        final String liveDestination, final List<Recording> past, final Recording live, final long liveStart)
    {
        this.archive = archive;
        this.aeron = archive.context().aeron();
        this.streamId = streamId;
        this.host = host;
        this.liveDestination = liveDestination;
        this.past = new ArrayDeque<>(past);
        this.live = live;
        this.liveStart = liveStart;
    }

    static ArchiveCatchup start(final AeronArchive archive, final String liveChannel, final int streamId,
        final ReplayFrom from)
    {
        final ChannelUri uri = ChannelUri.parse(liveChannel);
        final String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        if (!liveChannel.startsWith(CommonContext.UDP_CHANNEL) || endpoint == null ||
            !uri.containsKey(CommonContext.MDC_CONTROL_PARAM_NAME))
        {
            throw new IllegalArgumentException("subscribeFrom needs the live stream on UDP with a control endpoint, " +
                "e.g. aeron:udp?endpoint=<this host>:0|control=<engine host>:40124 (the engine publishing on " +
                "aeron:udp?control=<engine host>:40124|control-mode=dynamic), got " + liveChannel);
        }
        uri.remove(CommonContext.MDC_CONTROL_MODE_PARAM_NAME);
        uri.remove(CommonContext.SESSION_ID_PARAM_NAME);
        final String host = endpoint.substring(0, endpoint.lastIndexOf(':'));

        final List<Recording> recordings = recordings(archive, streamId);
        Recording live = null;
        for (final Recording recording : recordings)
        {
            if (recording.active())
            {
                live = recording; // the newest active one: recordings are in id order
            }
        }
        if (live == null)
        {
            throw new IllegalStateException("the archive has no active recording of stream " + streamId +
                " (is the engine running with archive.aeron.record: true?)");
        }
        final List<Recording> past = new ArrayList<>();
        long liveStart = live.startPosition();
        switch (from.kind())
        {
            case POSITION ->
            {
                if (from.value() < live.startPosition())
                {
                    throw new IllegalArgumentException("position " + from.value() + " is before recording " +
                        live.recordingId() + " starts (" + live.startPosition() + ")");
                }
                liveStart = from.value();
            }
            case TIME ->
            {
                final long fromMs = Math.floorDiv(from.value(), 1_000_000L);
                for (final Recording recording : recordings)
                {
                    if (recording != live && !recording.active() && recording.recordingId() < live.recordingId() &&
                        recording.stopTimestampMs() >= fromMs && recording.stopPosition() > recording.startPosition())
                    {
                        past.add(recording);
                    }
                }
            }
            case RECORDING_START ->
            {
            }
        }
        return new ArchiveCatchup(archive, streamId, host, uri.toString(), past, live, liveStart);
    }

    /** Every recording of {@code streamId} in the archive's catalog, oldest first. */
    static List<Recording> recordings(final AeronArchive archive, final int streamId)
    {
        final List<Recording> recordings = new ArrayList<>();
        archive.listRecordings(0, Integer.MAX_VALUE,
            (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition,
                stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, stream,
                strippedChannel, originalChannel, sourceIdentity) ->
            {
                if (stream == streamId)
                {
                    recordings.add(new Recording(recordingId, startTimestamp, stopTimestamp, startPosition,
                        stopPosition, sessionId));
                }
            });
        recordings.sort(Comparator.comparingLong(Recording::recordingId));
        return recordings;
    }

    @Override
    public int poll(final FragmentHandler handler, final int fragmentLimit)
    {
        if (merged != null)
        {
            return merged.poll(handler, fragmentLimit);
        }
        if (replaying != null || !past.isEmpty())
        {
            return pollPast(handler, fragmentLimit);
        }
        if (merge == null)
        {
            // the merged image must be the live publication's session: the replay takes its session id
            mergeSubscription = aeron.addSubscription(
                "aeron:udp?control-mode=manual|session-id=" + live.sessionId(), streamId);
            merge = new ReplayMerge(mergeSubscription, archive, "aeron:udp?session-id=" + live.sessionId(),
                "aeron:udp?endpoint=" + host + ":0", liveDestination, live.recordingId(), liveStart);
        }
        final int fragments = merge.poll(handler, fragmentLimit);
        if (merge.isMerged())
        {
            merge.close(); // stops nothing live: the live destination stays on the subscription
            merge = null;
            merged = mergeSubscription;
        }
        return fragments;
    }

    /** One earlier run at a time: a bounded replay to a free port on this host, read to its end. */
    private int pollPast(final FragmentHandler handler, final int fragmentLimit)
    {
        if (replaying == null)
        {
            replaying = past.poll();
            replaySubscription = aeron.addSubscription("aeron:udp?endpoint=" + host + ":0", streamId);
            replaySessionId = Aeron.NULL_VALUE;
        }
        if (replaySessionId == Aeron.NULL_VALUE)
        {
            final String resolved = replaySubscription.tryResolveChannelEndpointPort();
            if (resolved == null)
            {
                return 0;
            }
            replaySessionId = archive.startReplay(replaying.recordingId(), replaying.startPosition(),
                replaying.stopPosition() - replaying.startPosition(), resolved, streamId);
            return 0;
        }
        final Image image = replaySubscription.imageBySessionId((int)replaySessionId);
        if (image == null)
        {
            return 0;
        }
        final int fragments = image.poll(handler, fragmentLimit);
        if (image.position() >= replaying.stopPosition() || image.isEndOfStream() || image.isClosed())
        {
            CloseHelper.quietClose(replaySubscription);
            replaySubscription = null;
            replaying = null;
        }
        return fragments;
    }

    @Override
    public Subscription live()
    {
        return merged;
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(merge);
        CloseHelper.quietClose(replaySubscription);
        if (merged == null)
        {
            CloseHelper.quietClose(mergeSubscription);
        }
    }
}
