package dev.tickwire.adapters.dtc;

/** The DTC messages the test server speaks, as DTCProtocol.h (version 8) declares them. */
public final class Dtc
{
    private Dtc()
    {
    }

    static final int LOGON_REQUEST = 1;
    static final int LOGON_RESPONSE = 2;
    static final int HEARTBEAT = 3;
    static final int ENCODING_REQUEST = 6;
    static final int ENCODING_RESPONSE = 7;
    static final int MARKET_DATA_REQUEST = 101;
    static final int MARKET_DEPTH_REQUEST = 102;
    static final int MARKET_DEPTH_UPDATE_LEVEL = 106;
    static final int MARKET_DATA_UPDATE_TRADE = 107;
    static final int MARKET_DATA_UPDATE_BID_ASK = 108;
    static final int MARKET_DEPTH_SNAPSHOT_LEVEL = 122;
    static final int MARKET_DATA_UPDATE_TRADE_WITH_UNBUNDLED_INDICATOR = 137;
    static final int MARKET_DEPTH_UPDATE_LEVEL_FLOAT_WITH_MILLISECONDS = 140;
    static final int MARKET_DATA_UPDATE_BID_ASK_FLOAT_WITH_MILLISECONDS = 144;
    static final int SECURITY_DEFINITION_FOR_SYMBOL_REQUEST = 506;
    static final int SECURITY_DEFINITION_RESPONSE = 507;

    static final CStruct ENCODING = CStruct.natural("u16 Size", "u16 Type", "i32 ProtocolVersion", "i32 Encoding",
        "char[4] ProtocolType");
    static final CStruct LOGON_REQ = CStruct.natural("u16 Size", "u16 Type", "i32 ProtocolVersion",
        "char[32] Username", "char[32] Password", "char[64] GeneralTextData", "i32 Integer_1", "i32 Integer_2",
        "i32 HeartbeatIntervalInSeconds", "i32 TradeMode", "char[32] TradeAccount", "char[64] HardwareIdentifier",
        "char[32] ClientName");
    static final CStruct LOGON_RESP = CStruct.natural("u16 Size", "u16 Type", "i32 ProtocolVersion", "i32 Result",
        "char[96] ResultText", "char[64] ReconnectAddress", "i32 Integer_1", "char[60] ServerName",
        "u8 MarketDepthUpdatesBestBidAndAsk", "u8 TradingIsSupported", "u8 OCOOrdersSupported",
        "u8 OrderCancelReplaceSupported", "char[4] SymbolExchangeDelimiter", "u8 SecurityDefinitionsSupported",
        "u8 HistoricalPriceDataSupported", "u8 ResubscribeWhenMarketDataFeedAvailable", "u8 MarketDepthIsSupported",
        "u8 OneHistoricalPriceDataRequestPerConnection", "u8 BracketOrdersSupported",
        "u8 UseIntegerPriceOrderMessages", "u8 UsesMultiplePositionsPerSymbolAndTradeAccount",
        "u8 MarketDataSupported");
    static final CStruct HEARTBEAT_MSG = CStruct.natural("u16 Size", "u16 Type", "u32 NumDroppedMessages",
        "i64 CurrentDateTime");
    static final CStruct SUBSCRIBE_DEPTH = CStruct.natural("u16 Size", "u16 Type", "i32 RequestAction",
        "u32 SymbolID", "char[64] Symbol", "char[16] Exchange", "i32 NumLevels");
    static final CStruct DEFINITION_REQ = CStruct.natural("u16 Size", "u16 Type", "i32 RequestID",
        "char[64] Symbol", "char[16] Exchange");
    static final CStruct DEFINITION = CStruct.natural("u16 Size", "u16 Type", "i32 RequestID", "char[64] Symbol",
        "char[16] Exchange", "i32 SecurityType", "char[64] Description", "f32 MinPriceIncrement",
        "i32 PriceDisplayFormat", "f32 CurrencyValuePerIncrement", "u8 IsFinalMessage",
        "f32 FloatToIntPriceMultiplier", "f32 IntToFloatPriceDivisor", "char[32] UnderlyingSymbol",
        "u8 UpdatesBidAskOnly", "f32 StrikePrice", "u8 PutOrCall", "u32 ShortInterest",
        "u32 SecurityExpirationDate", "f32 BuyRolloverInterest", "f32 SellRolloverInterest", "f32 EarningsPerShare",
        "u32 SharesOutstanding", "f32 IntToFloatQuantityDivisor", "u8 HasMarketDepthData",
        "f32 DisplayPriceMultiplier", "char[64] ExchangeSymbol", "f32 InitialMarginRequirement",
        "f32 MaintenanceMarginRequirement", "char[8] Currency", "f32 ContractSize", "u32 OpenInterest");
    static final CStruct TRADE = CStruct.natural("u16 Size", "u16 Type", "u32 SymbolID", "u16 AtBidOrAsk",
        "f64 Price", "f64 Volume", "f64 DateTime");
    static final CStruct TRADE_UNBUNDLED = CStruct.natural("u16 Size", "u16 Type", "u32 SymbolID", "u8 AtBidOrAsk",
        "i8 UnbundledTradeIndicator", "u8 SaleCondition", "u8 Reserve_1", "u32 Reserve_2", "f64 Price",
        "u32 Volume", "u32 Reserve_3", "f64 DateTime");
    static final CStruct BID_ASK = CStruct.natural("u16 Size", "u16 Type", "u32 SymbolID", "f64 BidPrice",
        "f32 BidQuantity", "f64 AskPrice", "f32 AskQuantity", "u32 DateTime");
    static final CStruct BID_ASK_MS = CStruct.packed("u16 Size", "u16 Type", "u32 SymbolID", "f32 BidPrice",
        "f32 BidQuantity", "f32 AskPrice", "f32 AskQuantity", "i64 DateTime");
    static final CStruct SNAPSHOT_LEVEL = CStruct.natural("u16 Size", "u16 Type", "u32 SymbolID", "u16 Side",
        "f64 Price", "f64 Quantity", "u16 Level", "u8 IsFirstMessageInBatch", "u8 IsLastMessageInBatch",
        "f64 DateTime", "u32 NumOrders");
    static final CStruct UPDATE_LEVEL = CStruct.natural("u16 Size", "u16 Type", "u32 SymbolID", "u16 Side",
        "f64 Price", "f64 Quantity", "u8 UpdateType", "f64 DateTime", "u32 NumOrders");
    static final CStruct UPDATE_LEVEL_MS = CStruct.packed("u16 Size", "u16 Type", "u32 SymbolID", "i64 DateTime",
        "f32 Price", "f32 Quantity", "u8 Side", "u8 UpdateType", "u16 NumOrders", "u8 FinalUpdateInBatch");

    static final int BID = 1;
    static final int ASK = 2;

    public static byte[] trade(final int symbolId, final int atBidOrAsk, final double price, final double volume,
        final double seconds)
    {
        return TRADE.build(MARKET_DATA_UPDATE_TRADE, "SymbolID", symbolId, "AtBidOrAsk", atBidOrAsk, "Price", price,
            "Volume", volume, "DateTime", seconds);
    }

    static byte[] bidAsk(final int symbolId, final double bid, final float bidQty, final double ask,
        final float askQty, final long seconds)
    {
        return BID_ASK.build(MARKET_DATA_UPDATE_BID_ASK, "SymbolID", symbolId, "BidPrice", bid,
            "BidQuantity", bidQty, "AskPrice", ask, "AskQuantity", askQty, "DateTime", seconds);
    }

    static byte[] level(final int symbolId, final int side, final double price, final double qty, final int level,
        final boolean first, final boolean last, final double seconds, final int orders)
    {
        return SNAPSHOT_LEVEL.build(MARKET_DEPTH_SNAPSHOT_LEVEL, "SymbolID", symbolId, "Side", side, "Price", price,
            "Quantity", qty, "Level", level, "IsFirstMessageInBatch", first ? 1 : 0,
            "IsLastMessageInBatch", last ? 1 : 0, "DateTime", seconds, "NumOrders", orders);
    }

    static byte[] update(final int symbolId, final int side, final double price, final double qty,
        final int updateType, final double seconds, final int orders)
    {
        return UPDATE_LEVEL.build(MARKET_DEPTH_UPDATE_LEVEL, "SymbolID", symbolId, "Side", side, "Price", price,
            "Quantity", qty, "UpdateType", updateType, "DateTime", seconds, "NumOrders", orders);
    }
}
