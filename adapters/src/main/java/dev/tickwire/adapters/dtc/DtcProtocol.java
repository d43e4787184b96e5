package dev.tickwire.adapters.dtc;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The part of the DTC protocol (Sierra Chart's Data and Trading Communications protocol, version 8,
 * binary encoding) this source speaks: message type ids and the byte offsets of the fields it reads or
 * writes. Binary DTC is the C structs of {@code DTCProtocol.h} sent as they are: little-endian,
 * {@code #pragma pack(8)} (natural alignment) unless noted as packed, each message starting with
 * {@code uint16 Size, uint16 Type}. A message may be shorter than its struct (an older server: the
 * missing trailing fields take their defaults) or longer (a newer one: the extra bytes are skipped);
 * {@link #has} says whether a field is inside the message's Size.
 */
final class DtcProtocol
{
    private DtcProtocol()
    {
    }

    static final int PROTOCOL_VERSION = 8;
    static final int HEADER = 4;
    static final int BINARY_ENCODING = 0;

    // message types
    static final int LOGON_REQUEST = 1;
    static final int LOGON_RESPONSE = 2;
    static final int HEARTBEAT = 3;
    static final int LOGOFF = 5;
    static final int ENCODING_REQUEST = 6;
    static final int ENCODING_RESPONSE = 7;
    static final int MARKET_DATA_FEED_STATUS = 100;
    static final int MARKET_DATA_REQUEST = 101;
    static final int MARKET_DEPTH_REQUEST = 102;
    static final int MARKET_DATA_REJECT = 103;
    static final int MARKET_DATA_SNAPSHOT = 104;
    static final int MARKET_DEPTH_UPDATE_LEVEL = 106;
    static final int MARKET_DATA_UPDATE_TRADE = 107;
    static final int MARKET_DATA_UPDATE_BID_ASK = 108;
    static final int MARKET_DATA_UPDATE_TRADE_COMPACT = 112;
    static final int MARKET_DATA_FEED_SYMBOL_STATUS = 116;
    static final int MARKET_DATA_UPDATE_BID_ASK_COMPACT = 117;
    static final int MARKET_DEPTH_REJECT = 121;
    static final int MARKET_DEPTH_SNAPSHOT_LEVEL = 122;
    static final int MARKET_DATA_UPDATE_TRADE_WITH_UNBUNDLED_INDICATOR = 137;
    static final int TRADING_SYMBOL_STATUS = 138;
    static final int MARKET_DEPTH_UPDATE_LEVEL_FLOAT_WITH_MILLISECONDS = 140;
    static final int MARKET_DATA_UPDATE_BID_ASK_FLOAT_WITH_MILLISECONDS = 144;
    static final int MARKET_DEPTH_SNAPSHOT_LEVEL_FLOAT = 145;
    static final int SECURITY_DEFINITION_FOR_SYMBOL_REQUEST = 506;
    static final int SECURITY_DEFINITION_RESPONSE = 507;
    static final int SECURITY_DEFINITION_REJECT = 509;
    static final int USER_MESSAGE = 700;
    static final int GENERAL_LOG_MESSAGE = 701;

    // enums
    static final int LOGON_SUCCESS = 1;
    static final int SUBSCRIBE = 1;
    static final int AT_BID = 1;
    static final int AT_ASK = 2;
    static final int DEPTH_INSERT_UPDATE = 1;
    static final int DEPTH_DELETE = 2;
    static final int FINAL_UPDATE_UNSET = 0;
    static final int FINAL_UPDATE_TRUE = 1;
    static final int FINAL_UPDATE_FALSE = 2;
    static final int FINAL_UPDATE_BEGIN_BATCH = 3;

    // s_EncodingRequest / s_EncodingResponse: ProtocolVersion, Encoding, char ProtocolType[4]
    static final int ENCODING_SIZE = 16;
    static final int ENCODING_VERSION = 4;
    static final int ENCODING_ENCODING = 8;
    static final int ENCODING_PROTOCOL_TYPE = 12;

    // s_LogonRequest
    static final int LOGON_REQUEST_SIZE = 280;
    static final int LOGON_VERSION = 4;
    static final int LOGON_USERNAME = 8;
    static final int LOGON_PASSWORD = 40;
    static final int LOGON_CREDENTIAL_LENGTH = 32;
    static final int LOGON_HEARTBEAT_SECONDS = 144;
    static final int LOGON_CLIENT_NAME = 248;
    static final int LOGON_CLIENT_NAME_LENGTH = 32;

    // s_LogonResponse
    static final int LOGON_RESPONSE_RESULT = 8;
    static final int LOGON_RESPONSE_TEXT = 12;
    static final int TEXT_DESCRIPTION_LENGTH = 96;

    // s_Heartbeat: uint32 NumDroppedMessages, int64 CurrentDateTime (s)
    static final int HEARTBEAT_SIZE = 16;
    static final int HEARTBEAT_DROPPED = 4;
    static final int HEARTBEAT_TIME = 8;

    // s_MarketDataRequest / s_MarketDepthRequest: RequestAction, SymbolID, Symbol[64], Exchange[16], then
    // IntervalForSnapshotUpdatesInMilliseconds or NumLevels
    static final int SUBSCRIBE_SIZE = 96;
    static final int SUBSCRIBE_ACTION = 4;
    static final int SUBSCRIBE_SYMBOL_ID = 8;
    static final int SUBSCRIBE_SYMBOL = 12;
    static final int SUBSCRIBE_EXCHANGE = 76;
    static final int SUBSCRIBE_LAST = 92;
    static final int SYMBOL_LENGTH = 64;
    static final int EXCHANGE_LENGTH = 16;

    // s_SecurityDefinitionForSymbolRequest: RequestID, Symbol[64], Exchange[16]
    static final int DEFINITION_REQUEST_SIZE = 88;
    static final int DEFINITION_REQUEST_ID = 4;
    static final int DEFINITION_SYMBOL = 8;
    static final int DEFINITION_EXCHANGE = 72;

    // s_SecurityDefinitionResponse (the fields read)
    static final int DEFINITION_MIN_PRICE_INCREMENT = 156;
    static final int DEFINITION_PRICE_DISPLAY_FORMAT = 160;

    // s_MarketDataReject / s_MarketDepthReject / s_SecurityDefinitionReject: an id, then RejectText[96]
    static final int REJECT_ID = 4;
    static final int REJECT_TEXT = 8;

    // every market data message but the compact ones: uint32 SymbolID at 4
    static final int SYMBOL_ID = 4;

    // s_MarketDataUpdateTrade: AtBidOrAsk (uint16), double Price, double Volume, double DateTime (s, fraction = ms)
    static final int TRADE_AT_BID_OR_ASK = 8;
    static final int TRADE_PRICE = 16;
    static final int TRADE_VOLUME = 24;
    static final int TRADE_DATE_TIME = 32;
    static final int TRADE_SIZE = 40;

    // s_MarketDataUpdateTradeWithUnbundledIndicator: uint8 AtBidOrAsk, int8 Unbundled…, double Price at 16,
    // uint32 Volume at 24, double DateTime at 32
    static final int TRADE_UNBUNDLED_AT_BID_OR_ASK = 8;
    static final int TRADE_UNBUNDLED_INDICATOR = 9;
    static final int TRADE_UNBUNDLED_PRICE = 16;
    static final int TRADE_UNBUNDLED_VOLUME = 24;
    static final int TRADE_UNBUNDLED_DATE_TIME = 32;
    static final int TRADE_UNBUNDLED_SIZE = 40;

    // s_MarketDataUpdateTradeCompact: float Price, float Volume, double DateTime, uint32 SymbolID, uint16 AtBidOrAsk
    static final int TRADE_COMPACT_PRICE = 4;
    static final int TRADE_COMPACT_VOLUME = 8;
    static final int TRADE_COMPACT_DATE_TIME = 16;
    static final int TRADE_COMPACT_SYMBOL_ID = 24;
    static final int TRADE_COMPACT_AT_BID_OR_ASK = 28;
    static final int TRADE_COMPACT_SIZE = 32;

    // s_MarketDataUpdateBidAsk: double BidPrice, float BidQuantity, double AskPrice, float AskQuantity,
    // uint32 DateTime (s); DBL_MAX price = side not updated
    static final int BID_ASK_BID_PRICE = 8;
    static final int BID_ASK_BID_QUANTITY = 16;
    static final int BID_ASK_ASK_PRICE = 24;
    static final int BID_ASK_ASK_QUANTITY = 32;
    static final int BID_ASK_DATE_TIME = 36;
    static final int BID_ASK_SIZE = 40;

    // s_MarketDataUpdateBidAskCompact: floats BidPrice, BidQuantity, AskPrice, AskQuantity, uint32 DateTime, SymbolID
    static final int BID_ASK_COMPACT_BID_PRICE = 4;
    static final int BID_ASK_COMPACT_BID_QUANTITY = 8;
    static final int BID_ASK_COMPACT_ASK_PRICE = 12;
    static final int BID_ASK_COMPACT_ASK_QUANTITY = 16;
    static final int BID_ASK_COMPACT_DATE_TIME = 20;
    static final int BID_ASK_COMPACT_SYMBOL_ID = 24;
    static final int BID_ASK_COMPACT_SIZE = 28;

    // s_MarketDataUpdateBidAskFloatWithMilliseconds (packed): floats at 8, 12, 16, 20, int64 DateTime (ms) at 24
    static final int BID_ASK_MS_BID_PRICE = 8;
    static final int BID_ASK_MS_BID_QUANTITY = 12;
    static final int BID_ASK_MS_ASK_PRICE = 16;
    static final int BID_ASK_MS_ASK_QUANTITY = 20;
    static final int BID_ASK_MS_DATE_TIME = 24;
    static final int BID_ASK_MS_SIZE = 32;

    // s_MarketDepthSnapshotLevel: uint16 Side, double Price, double Quantity, uint16 Level, uint8 IsFirst…,
    // uint8 IsLast…, double DateTime, uint32 NumOrders
    static final int SNAPSHOT_SIDE = 8;
    static final int SNAPSHOT_PRICE = 16;
    static final int SNAPSHOT_QUANTITY = 24;
    static final int SNAPSHOT_IS_FIRST = 34;
    static final int SNAPSHOT_IS_LAST = 35;
    static final int SNAPSHOT_DATE_TIME = 40;
    static final int SNAPSHOT_NUM_ORDERS = 48;

    // s_MarketDepthSnapshotLevelFloat (packed): float Price, float Quantity, uint32 NumOrders, uint16 Level,
    // uint8 Side, uint8 FinalUpdateInBatch
    static final int SNAPSHOT_FLOAT_PRICE = 8;
    static final int SNAPSHOT_FLOAT_QUANTITY = 12;
    static final int SNAPSHOT_FLOAT_NUM_ORDERS = 16;
    static final int SNAPSHOT_FLOAT_SIDE = 22;
    static final int SNAPSHOT_FLOAT_FINAL = 23;
    static final int SNAPSHOT_FLOAT_SIZE = 24;

    // s_MarketDepthUpdateLevel: uint16 Side, double Price, double Quantity, uint8 UpdateType, double DateTime,
    // uint32 NumOrders
    static final int UPDATE_SIDE = 8;
    static final int UPDATE_PRICE = 16;
    static final int UPDATE_QUANTITY = 24;
    static final int UPDATE_TYPE = 32;
    static final int UPDATE_DATE_TIME = 40;
    static final int UPDATE_NUM_ORDERS = 48;

    // s_MarketDepthUpdateLevelFloatWithMilliseconds (packed): int64 DateTime (ms), float Price, float Quantity,
    // uint8 Side, uint8 UpdateType, uint16 NumOrders, uint8 FinalUpdateInBatch
    static final int UPDATE_MS_DATE_TIME = 8;
    static final int UPDATE_MS_PRICE = 16;
    static final int UPDATE_MS_QUANTITY = 20;
    static final int UPDATE_MS_SIDE = 24;
    static final int UPDATE_MS_TYPE = 25;
    static final int UPDATE_MS_NUM_ORDERS = 26;
    static final int UPDATE_MS_FINAL = 28;

    /** What a message needs up to (exclusive) to be read at all: its last required field's end. */
    static int required(final int type)
    {
        switch (type)
        {
            case ENCODING_RESPONSE: return ENCODING_ENCODING + 4;
            case LOGON_RESPONSE: return LOGON_RESPONSE_RESULT + 4;
            case HEARTBEAT: return HEADER;
            case SECURITY_DEFINITION_RESPONSE: return DEFINITION_MIN_PRICE_INCREMENT + 4;
            case SECURITY_DEFINITION_REJECT:
            case MARKET_DATA_REJECT:
            case MARKET_DEPTH_REJECT: return REJECT_ID + 4;
            case MARKET_DATA_UPDATE_TRADE: return TRADE_DATE_TIME + 8;
            case MARKET_DATA_UPDATE_TRADE_WITH_UNBUNDLED_INDICATOR: return TRADE_UNBUNDLED_DATE_TIME + 8;
            case MARKET_DATA_UPDATE_TRADE_COMPACT: return TRADE_COMPACT_AT_BID_OR_ASK + 2;
            case MARKET_DATA_UPDATE_BID_ASK: return BID_ASK_DATE_TIME + 4;
            case MARKET_DATA_UPDATE_BID_ASK_COMPACT: return BID_ASK_COMPACT_SYMBOL_ID + 4;
            case MARKET_DATA_UPDATE_BID_ASK_FLOAT_WITH_MILLISECONDS: return BID_ASK_MS_DATE_TIME + 8;
            case MARKET_DEPTH_SNAPSHOT_LEVEL: return SNAPSHOT_IS_LAST + 1;
            case MARKET_DEPTH_SNAPSHOT_LEVEL_FLOAT: return SNAPSHOT_FLOAT_FINAL + 1;
            case MARKET_DEPTH_UPDATE_LEVEL: return UPDATE_TYPE + 1;
            case MARKET_DEPTH_UPDATE_LEVEL_FLOAT_WITH_MILLISECONDS: return UPDATE_MS_FINAL + 1;
            default: return HEADER;
        }
    }

    /** True when a field of {@code width} bytes at {@code offset} is inside a message of {@code size} bytes. */
    static boolean has(final int size, final int offset, final int width)
    {
        return offset + width <= size;
    }

    static int size(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    static int type(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + 2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    /** A NUL-terminated fixed-length text field, for messages (reject texts). */
    static String text(final DirectBuffer buffer, final int offset, final int at, final int length, final int size)
    {
        final int end = Math.min(at + length, size);
        final StringBuilder s = new StringBuilder();
        for (int i = at; i < end; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b == 0)
            {
                break;
            }
            s.append(b >= 32 && b < 127 ? (char)b : '?');
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- the client's messages

    static int header(final MutableDirectBuffer buffer, final int offset, final int size, final int type)
    {
        buffer.setMemory(offset, size, (byte)0);
        buffer.putShort(offset, (short)size, java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(offset + 2, (short)type, java.nio.ByteOrder.LITTLE_ENDIAN);
        return size;
    }

    static int encodingRequest(final MutableDirectBuffer buffer, final int offset)
    {
        header(buffer, offset, ENCODING_SIZE, ENCODING_REQUEST);
        buffer.putInt(offset + ENCODING_VERSION, PROTOCOL_VERSION, java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + ENCODING_ENCODING, BINARY_ENCODING, java.nio.ByteOrder.LITTLE_ENDIAN);
        putText(buffer, offset + ENCODING_PROTOCOL_TYPE, "DTC", 4);
        return ENCODING_SIZE;
    }

    static int logonRequest(final MutableDirectBuffer buffer, final int offset, final String username,
        final String password, final int heartbeatSeconds)
    {
        header(buffer, offset, LOGON_REQUEST_SIZE, LOGON_REQUEST);
        buffer.putInt(offset + LOGON_VERSION, PROTOCOL_VERSION, java.nio.ByteOrder.LITTLE_ENDIAN);
        putText(buffer, offset + LOGON_USERNAME, username, LOGON_CREDENTIAL_LENGTH);
        putText(buffer, offset + LOGON_PASSWORD, password, LOGON_CREDENTIAL_LENGTH);
        buffer.putInt(offset + LOGON_HEARTBEAT_SECONDS, heartbeatSeconds, java.nio.ByteOrder.LITTLE_ENDIAN);
        putText(buffer, offset + LOGON_CLIENT_NAME, "tickwire", LOGON_CLIENT_NAME_LENGTH);
        return LOGON_REQUEST_SIZE;
    }

    static int heartbeat(final MutableDirectBuffer buffer, final int offset, final long epochSeconds)
    {
        header(buffer, offset, HEARTBEAT_SIZE, HEARTBEAT);
        buffer.putLong(offset + HEARTBEAT_TIME, epochSeconds, java.nio.ByteOrder.LITTLE_ENDIAN);
        return HEARTBEAT_SIZE;
    }

    static int definitionRequest(final MutableDirectBuffer buffer, final int offset, final int requestId,
        final String symbol, final String exchange)
    {
        header(buffer, offset, DEFINITION_REQUEST_SIZE, SECURITY_DEFINITION_FOR_SYMBOL_REQUEST);
        buffer.putInt(offset + DEFINITION_REQUEST_ID, requestId, java.nio.ByteOrder.LITTLE_ENDIAN);
        putText(buffer, offset + DEFINITION_SYMBOL, symbol, SYMBOL_LENGTH);
        putText(buffer, offset + DEFINITION_EXCHANGE, exchange, EXCHANGE_LENGTH);
        return DEFINITION_REQUEST_SIZE;
    }

    /** MARKET_DATA_REQUEST ({@code levels} < 0) or MARKET_DEPTH_REQUEST for {@code levels} levels. */
    static int subscribe(final MutableDirectBuffer buffer, final int offset, final int symbolId, final String symbol,
        final String exchange, final int levels)
    {
        header(buffer, offset, SUBSCRIBE_SIZE, levels < 0 ? MARKET_DATA_REQUEST : MARKET_DEPTH_REQUEST);
        buffer.putInt(offset + SUBSCRIBE_ACTION, SUBSCRIBE, java.nio.ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + SUBSCRIBE_SYMBOL_ID, symbolId, java.nio.ByteOrder.LITTLE_ENDIAN);
        putText(buffer, offset + SUBSCRIBE_SYMBOL, symbol, SYMBOL_LENGTH);
        putText(buffer, offset + SUBSCRIBE_EXCHANGE, exchange, EXCHANGE_LENGTH);
        buffer.putInt(offset + SUBSCRIBE_LAST, Math.max(levels, 0), java.nio.ByteOrder.LITTLE_ENDIAN);
        return SUBSCRIBE_SIZE;
    }

    /** Text into a fixed field, cut to leave its NUL. */
    static void putText(final MutableDirectBuffer buffer, final int at, final String text, final int length)
    {
        final byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        buffer.putBytes(at, bytes, 0, Math.min(bytes.length, length - 1));
    }
}
