package dev.tickwire.wire;

import dev.tickwire.wire.sbe.MessageHeaderDecoder;
import dev.tickwire.wire.sbe.MessageHeaderEncoder;
import dev.tickwire.wire.sbe.RejectReason;
import dev.tickwire.wire.sbe.SourceStatusDecoder;
import dev.tickwire.wire.sbe.StatusCode;
import dev.tickwire.wire.sbe.TradeDecoder;
import dev.tickwire.wire.sbe.Verdict;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Reads and writes the envelope fields every tickwire message starts with, without knowing the
 * message type. The schema puts these fields first, in the same order, in every message, so their
 * offsets are the same everywhere (EnvelopeTest checks this against every generated codec).
 *
 * <p>All offsets are relative to the start of the SBE message header, so a handler can work on a
 * ring slot or a journal excerpt with just (buffer, offset).
 */
public final class Envelope
{
    public static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;

    private static final int TEMPLATE_ID = MessageHeaderDecoder.templateIdEncodingOffset();
    private static final int SEQUENCE = HEADER_LENGTH + TradeDecoder.sequenceEncodingOffset();
    private static final int STREAM_SEQUENCE = HEADER_LENGTH + TradeDecoder.streamSequenceEncodingOffset();
    private static final int EVENT_TIME = HEADER_LENGTH + TradeDecoder.eventTimeNsEncodingOffset();
    private static final int RECEIVE_TIME = HEADER_LENGTH + TradeDecoder.receiveTimeNsEncodingOffset();
    private static final int SOURCE_POSITION = HEADER_LENGTH + TradeDecoder.sourcePositionEncodingOffset();
    private static final int INSTRUMENT_ID = HEADER_LENGTH + TradeDecoder.instrumentIdEncodingOffset();
    private static final int SOURCE_ID = HEADER_LENGTH + TradeDecoder.sourceIdEncodingOffset();
    private static final int VERDICT = HEADER_LENGTH + TradeDecoder.verdictEncodingOffset();
    private static final int REJECT_REASON = HEADER_LENGTH + TradeDecoder.rejectReasonEncodingOffset();
    private static final int STATUS_CODE = HEADER_LENGTH + SourceStatusDecoder.statusEncodingOffset();

    /** Bytes of envelope after the header; every message body is at least this long. */
    public static final int ENVELOPE_LENGTH = TradeDecoder.rejectReasonEncodingOffset() + 1;

    private Envelope()
    {
    }

    public static int templateId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + TEMPLATE_ID, MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF;
    }

    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE, TradeDecoder.BYTE_ORDER);
    }

    public static void sequence(final MutableDirectBuffer buffer, final int offset, final long value)
    {
        buffer.putLong(offset + SEQUENCE, value, TradeDecoder.BYTE_ORDER);
    }

    public static long streamSequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + STREAM_SEQUENCE, TradeDecoder.BYTE_ORDER);
    }

    public static void streamSequence(final MutableDirectBuffer buffer, final int offset, final long value)
    {
        buffer.putLong(offset + STREAM_SEQUENCE, value, TradeDecoder.BYTE_ORDER);
    }

    public static long eventTimeNs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + EVENT_TIME, TradeDecoder.BYTE_ORDER);
    }

    public static long receiveTimeNs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + RECEIVE_TIME, TradeDecoder.BYTE_ORDER);
    }

    public static long sourcePosition(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SOURCE_POSITION, TradeDecoder.BYTE_ORDER);
    }

    public static int instrumentId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + INSTRUMENT_ID, TradeDecoder.BYTE_ORDER);
    }

    public static int sourceId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + SOURCE_ID, TradeDecoder.BYTE_ORDER) & 0xFFFF;
    }

    public static boolean isAccepted(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + VERDICT) == (byte)Verdict.ACCEPTED.value();
    }

    public static int rejectReasonCode(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + REJECT_REASON) & 0xFF;
    }

    public static RejectReason rejectReason(final DirectBuffer buffer, final int offset)
    {
        return RejectReason.get((short)rejectReasonCode(buffer, offset));
    }

    /** A heartbeat of the engine itself (not a feed's status): what subscribers and watchers look for. */
    public static boolean isEngineHeartbeat(final DirectBuffer buffer, final int offset)
    {
        return templateId(buffer, offset) == MessageTypes.STATUS && sourceId(buffer, offset) == MessageTypes.ENGINE_SOURCE_ID &&
            (buffer.getByte(offset + STATUS_CODE) & 0xFF) == StatusCode.HEARTBEAT.value();
    }

    /** Marks a message rejected; the first reason found wins, so an adapter's own verdict is kept. */
    public static void reject(final MutableDirectBuffer buffer, final int offset, final RejectReason reason)
    {
        if (isAccepted(buffer, offset))
        {
            buffer.putByte(offset + VERDICT, (byte)Verdict.REJECTED.value());
            buffer.putByte(offset + REJECT_REASON, (byte)reason.value());
        }
    }
}
