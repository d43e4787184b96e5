package dev.tickwire.tools.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The OpenAPI 3.0 description of {@link ApiServer}, served at {@code /openapi.json}. */
final class OpenApiDocument
{
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String TIME_FORMATS = "ISO-8601 (2026-01-02T14:30:00Z, 2026-01-02T14:30:00.123456789Z, " +
        "2026-01-02T09:30:00-05:00, 2026-01-02 for midnight UTC; no zone means UTC) or epoch nanoseconds " +
        "(1767364200000000000).";

    private OpenApiDocument()
    {
    }

    static String json(final ObjectMapper mapper)
    {
        try
        {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document());
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static ObjectNode document()
    {
        final ObjectNode doc = F.objectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info")
            .put("title", "tickwire market-data API")
            .put("version", "1")
            .put("description", "Read-only queries over the tickwire journal (served by `tickwire serve`), while the " +
                "engine may still be writing it: new ticks show up within about a second. Prices and sizes are exact " +
                "decimal strings; times are ISO-8601 UTC with nanoseconds plus epoch nanoseconds. Every endpoint " +
                "except /health and /openapi.json needs an API key in the X-API-Key header (create one with " +
                "`tickwire keys create`). Errors are {\"error\": \"...\"}. Counts are capped, not refused: `limit` of " +
                "/tas at " + ApiServer.MAX_LIMIT + ", `levels` of /orderbook at " + ApiServer.MAX_LEVELS +
                "; the value applied is in the " + ApiServer.APPLIED_HEADER + " response header. Each key is rate " +
                "limited (requests per second and response bytes per minute: the key's own limits, or the server's " +
                "--rate-limit-rps and --rate-limit-bytes-per-minute): over them a request gets 429 with a Retry-After " +
                "header (seconds). GET /stream is a WebSocket of live messages (see its description).");
        doc.putArray("servers").addObject().put("url", "http://127.0.0.1:8080");
        doc.putArray("security").addObject().putArray("ApiKeyAuth");
        doc.putArray("tags")
            .add(tag("market data", "Contracts, time and sales, order books"))
            .add(tag("live", "The live stream (WebSocket)"))
            .add(tag("keys", "API key administration (admin keys only)"))
            .add(tag("service", "Health and this document (no key needed)"));

        final ObjectNode paths = doc.putObject("paths");
        paths.putObject("/health").set("get", health());
        paths.putObject("/openapi.json").set("get", openApi());
        paths.putObject("/contracts").set("get", contracts());
        paths.putObject("/contracts/{symbol}/tas").set("get", timeAndSales());
        paths.putObject("/contracts/{symbol}/reference").set("get", reference());
        paths.putObject("/contracts/{symbol}/orderbook").set("get", orderBook());
        paths.putObject("/contracts/{symbol}/bars").set("get", bars());
        paths.putObject("/stream").set("get", stream());
        final ObjectNode keys = paths.putObject("/keys");
        keys.set("get", listKeys());
        keys.set("post", createKey());
        paths.putObject("/keys/{name}").set("delete", revokeKey());

        final ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("ApiKeyAuth")
            .put("type", "apiKey").put("in", "header").put("name", ApiServer.KEY_HEADER)
            .put("description", "An API key from `tickwire keys create` (or POST /keys). Keys are stored only as " +
                "salted hashes; a key is shown once, when it is created.");
        components.with("securitySchemes").putObject("ApiKeyQuery")
            .put("type", "apiKey").put("in", "query").put("name", ApiServer.KEY_PARAMETER)
            .put("description", "The API key as a query parameter: only for GET /stream, since browsers cannot set " +
                "headers on a WebSocket. URLs end up in logs and histories: prefer the header where the client can.");
        components.set("schemas", schemas());
        components.set("responses", commonResponses());
        tooManyRequestsOnEveryKeyedOperation(paths);
        return doc;
    }

    /** Every operation that needs a key (no empty `security` of its own) may get 429. */
    private static void tooManyRequestsOnEveryKeyedOperation(final ObjectNode paths)
    {
        paths.forEach(path -> path.forEach(op ->
        {
            final boolean open = op.has("security") && op.get("security").isEmpty();
            if (!open)
            {
                ((ObjectNode)op.get("responses")).set("429", refResponse("TooManyRequests"));
            }
        }));
    }

    private static ObjectNode stream()
    {
        final ObjectNode op = operation("live", "stream", "Live messages over a WebSocket",
            "Upgrades to a WebSocket (ws://host:port/stream?...) that sends every live message the engine journals " +
                "from now on, for the chosen symbols and types, one JSON object per text frame, in journal order: " +
                "trade, quote, book_delta and status messages have the fields of `tickwire dump` (rejected messages " +
                "are not sent). A `book` subscription starts with one book_snapshot per symbol (every level, as " +
                "/orderbook writes them, taken at a batch end), then that symbol's book deltas: apply those whose seq " +
                "is greater than the snapshot's. `bar` messages are time bars built live (the journal holds none); " +
                "the first sent is the first whole one (with bars=1m, within two minutes). Statuses of no instrument " +
                "(sources, the engine's heartbeats) go to every status subscriber. What the client sends is ignored; " +
                "the server pings every " + LiveStream.PING_SECONDS + " s.\n\n" +
                "The key: the X-API-Key header or, from a browser, ?key=. A missing or wrong key refuses the upgrade " +
                "(401); the upgrade counts as one request for the key's rate limit (429); stream frames do not count " +
                "against its bytes per minute.\n\n" +
                "Close codes: 1008 (policy violation) at once for an unknown symbol, type, bar interval or parameter, " +
                "the reason naming it; 1013 (try again later) \"try again later: buffer full (N messages behind)\" " +
                "when the client reads too slowly and N messages wait for it (serve --stream-buffer, default " +
                LiveStream.DEFAULT_BUFFER_FRAMES + "); 1001 (going away) when the server stops.");
        op.putArray("security").add(F.objectNode().set("ApiKeyAuth", F.arrayNode()))
            .add(F.objectNode().set("ApiKeyQuery", F.arrayNode()));
        final ArrayNode params = op.putArray("parameters");
        params.add(query("symbols", "Comma-separated symbols, as /contracts lists them. Default: every instrument, " +
            "also those defined later. An unknown one closes the stream with 1008.", F.objectNode().put("type", "string")
            .put("example", "ESZ6,NQZ6")));
        params.add(query("types", "Comma-separated message types: trade, quote, book, bar, status. Default: " +
            "trade,quote,book,status.", F.objectNode().put("type", "string").put("example", "trade,book")));
        params.add(query("bars", "With type bar: comma-separated time-bar intervals (15s, 1m, 5m, 1h; at most " +
            StreamRequest.MAX_BAR_SPECS + "). Default 1m. Tick, volume and value bars are not streamed (they depend on " +
            "where counting starts).", F.objectNode().put("type", "string").put("example", "1m,5m")));
        params.add(query(ApiServer.KEY_PARAMETER, "The API key, for clients that cannot set the X-API-Key header " +
            "(browsers).", F.objectNode().put("type", "string")));
        final ObjectNode responses = op.putObject("responses");
        final ObjectNode upgraded = F.objectNode().put("description", "Switching to the WebSocket protocol; then one " +
            "JSON message per text frame, of these shapes");
        final ArrayNode shapes = F.arrayNode();
        for (final String shape : new String[] {"StreamTrade", "StreamQuote", "StreamBookDelta", "StreamStatus", "BookSnapshot", "StreamBar"})
        {
            shapes.add(ref(shape));
        }
        upgraded.putObject("content").putObject("application/json").putObject("schema").set("oneOf", shapes);
        responses.set("101", upgraded);
        responses.set("401", refResponse("Unauthorized"));
        responses.set("426", errorResponse("A plain GET without the WebSocket upgrade"));
        return op;
    }

    private static ObjectNode health()
    {
        final ObjectNode op = operation("service", "health", "Liveness check", "No key needed.");
        op.putArray("security");
        op.putObject("responses").set("200", jsonResponse("The server is up", ref("Health")));
        return op;
    }

    private static ObjectNode openApi()
    {
        final ObjectNode op = operation("service", "openapi", "This OpenAPI 3.0 document", "No key needed.");
        op.putArray("security");
        op.putObject("responses").set("200", jsonResponse("The OpenAPI document", F.objectNode().put("type", "object")));
        return op;
    }

    private static ObjectNode contracts()
    {
        final ObjectNode op = operation("market data", "contracts", "Every contract in the journal",
            "Each instrument with its first and last event time and its message counts by type.");
        final ObjectNode responses = op.putObject("responses");
        responses.set("200", jsonResponse("The contracts", array(ref("Contract"))));
        responses.set("400", refResponse("BadRequest"));
        responses.set("401", refResponse("Unauthorized"));
        return op;
    }

    private static ObjectNode timeAndSales()
    {
        final ObjectNode op = operation("market data", "timeAndSales", "Time and sales: the trades of one contract",
            "Trades with start_time <= event time <= end_time, in journal order, at most `limit` (the first ones in " +
                "the range). A `limit` above " + ApiServer.MAX_LIMIT + " is capped to " + ApiServer.MAX_LIMIT +
                " (not an error). A full page carries the header " + ApiServer.NEXT_CURSOR_HEADER + ": pass it as `cursor` " +
                "(same start_time and end_time) for the next page; pages neither skip nor repeat a trade while the " +
                "engine writes. The last page has no such header.");
        final ArrayNode params = op.putArray("parameters");
        params.add(symbolParameter());
        params.add(timeParameter("start_time", "First event time, inclusive. Default: the epoch (1970-01-01T00:00:00Z)."));
        params.add(timeParameter("end_time", "Last event time, inclusive. Default: now."));
        params.add(query("limit", "At most this many trades. Default " + ApiServer.DEFAULT_LIMIT + "; values above " +
                ApiServer.MAX_LIMIT + " are capped to " + ApiServer.MAX_LIMIT + "; 0 or negative is a 400.",
            F.objectNode().put("type", "integer").put("minimum", 1).put("default", ApiServer.DEFAULT_LIMIT)));
        params.add(query("cursor", "The " + ApiServer.NEXT_CURSOR_HEADER + " of the page before: the page after it.",
            F.objectNode().put("type", "string")));
        final ObjectNode op2 = cappedQuery(op, jsonResponse("The trades, oldest first", array(ref("Trade"))));
        ((ObjectNode)op2.path("responses").path("200").path("headers")).putObject(ApiServer.NEXT_CURSOR_HEADER)
            .put("description", "On a full page: the cursor of the next page").putObject("schema").put("type", "string");
        return op2;
    }

    private static ObjectNode reference()
    {
        final ObjectNode op = operation("market data", "reference", "Reference data of one contract, as its source gave it",
            "One type of reference data with start_time <= event time <= end_time, in journal order, at most `limit`, " +
                "paged as /tas (" + ApiServer.NEXT_CURSOR_HEADER + ", `cursor`): candles (OHLCV bars a source publishes; " +
                "ts is the bar's end), derivative tickers (funding rate, open interest, last, index and mark price), " +
                "liquidations, option summaries (quote, mark, implied volatilities, greeks). Values are exact decimal " +
                "strings, at the contract's exponents (candles, liquidations) or at the exponents the message carries " +
                "(tickers, options: a mark price or a funding rate keeps every decimal its source gave); a value the " +
                "source did not give is left out.");
        final ArrayNode params = op.putArray("parameters");
        params.add(symbolParameter());
        final ArrayNode types = F.arrayNode();
        final StringBuilder fields = new StringBuilder();
        for (final int type : new int[] {dev.tickwire.wire.MessageTypes.CANDLE,
            dev.tickwire.wire.MessageTypes.DERIVATIVE_TICKER, dev.tickwire.wire.MessageTypes.LIQUIDATION,
            dev.tickwire.wire.MessageTypes.OPTION_SUMMARY})
        {
            types.add(dev.tickwire.wire.MessageTypes.name(type));
            fields.append(fields.length() == 0 ? "" : "; ").append(dev.tickwire.wire.MessageTypes.name(type)).append(": ")
                .append(dev.tickwire.engine.rows.MarketRows.referenceHeader(type).replace(",", ", "));
        }
        final ObjectNode typeSchema = F.objectNode().put("type", "string");
        typeSchema.set("enum", types);
        params.add(query("type", "The type of reference data. Required.", typeSchema).put("required", true));
        params.add(timeParameter("start_time", "First event time, inclusive. Default: the epoch."));
        params.add(timeParameter("end_time", "Last event time, inclusive. Default: now."));
        params.add(query("limit", "At most this many rows. Default " + ApiServer.DEFAULT_LIMIT + "; capped at " +
            ApiServer.MAX_LIMIT + ".", F.objectNode().put("type", "integer").put("minimum", 1)
            .put("default", ApiServer.DEFAULT_LIMIT)));
        params.add(query("cursor", "The " + ApiServer.NEXT_CURSOR_HEADER + " of the page before: the page after it.",
            F.objectNode().put("type", "string")));
        final ObjectNode op2 = cappedQuery(op, jsonResponse("The rows, oldest first",
            array(F.objectNode().put("type", "object").put("description", "By type (decimals as strings): " + fields))));
        ((ObjectNode)op2.path("responses").path("200").path("headers")).putObject(ApiServer.NEXT_CURSOR_HEADER)
            .put("description", "On a full page: the cursor of the next page").putObject("schema").put("type", "string");
        return op2;
    }

    private static ObjectNode bars()
    {
        final ObjectNode op = operation("market data", "bars", "OHLCV bars of one contract",
            "Completed bars over [start_time, end_time], computed from the journal exactly as the engine's live bar " +
                "stage builds them: only accepted trades; a time bar includes its start and excludes its end; " +
                "tick/volume/value bars close on the trade that reaches the threshold. At most `limit` bars.");
        final ArrayNode params = op.putArray("parameters");
        params.add(symbolParameter());
        params.add(query("interval", "The bar: a duration (15s, 1m, 5m, 15m, 1h, 4h, 1d, or e.g. 90s), ticks:N, " +
            "volume:V or value:V. Required.", F.objectNode().put("type", "string")).put("required", true));
        params.add(timeParameter("start_time", "First event time, inclusive. Default: the epoch."));
        params.add(timeParameter("end_time", "Last event time, inclusive. Default: now."));
        params.add(query("limit", "At most this many bars. Default " + ApiServer.DEFAULT_LIMIT + "; capped at " +
            ApiServer.MAX_LIMIT + ".", F.objectNode().put("type", "integer").put("minimum", 1).put("default", ApiServer.DEFAULT_LIMIT)));
        return cappedQuery(op, jsonResponse("The bars, oldest first", array(F.objectNode().put("type", "object")
            .put("description", "start, start_ns, end, end_ns, open, high, low, close, volume, buy_volume, sell_volume, " +
                "trades, vwap, first_event_ns, last_event_ns, empty; decimals as strings"))));
    }

    /** The responses of a market-data query whose size parameter is capped: 200 (with the applied cap), 400, 401, 404. */
    private static ObjectNode cappedQuery(final ObjectNode op, final ObjectNode ok)
    {
        final ObjectNode responses = op.putObject("responses");
        ok.putObject("headers").set(ApiServer.APPLIED_HEADER, appliedHeader());
        responses.set("200", ok);
        responses.set("400", refResponse("BadRequest"));
        responses.set("401", refResponse("Unauthorized"));
        responses.set("404", refResponse("NotFound"));
        return op;
    }

    private static ObjectNode orderBook()
    {
        final ObjectNode op = operation("market data", "orderBook", "The L2 order book of one contract at a time",
            "The book as it was at `timestamp`: its last consistent state (after the last complete batch at or before " +
                "that time), best `levels` levels a side, best first (bids highest first, asks lowest first). A " +
                "`levels` above " + ApiServer.MAX_LEVELS + " is capped to " + ApiServer.MAX_LEVELS + ".");
        final ArrayNode params = op.putArray("parameters");
        params.add(symbolParameter());
        params.add(timeParameter("timestamp", "The time to show the book at. Default: now (the latest book)."));
        params.add(query("levels", "Levels a side. Default " + ApiServer.DEFAULT_LEVELS + "; values above " +
                ApiServer.MAX_LEVELS + " are capped to " + ApiServer.MAX_LEVELS + "; 0 or negative is a 400.",
            F.objectNode().put("type", "integer").put("minimum", 1).put("default", ApiServer.DEFAULT_LEVELS)));
        return cappedQuery(op, jsonResponse("The book", ref("OrderBook")));
    }

    private static ObjectNode listKeys()
    {
        final ObjectNode op = operation("keys", "listKeys", "List API keys",
            "Names, admin flags and creation times; never keys or hashes. Admin keys only.");
        final ObjectNode responses = op.putObject("responses");
        responses.set("200", jsonResponse("The keys", array(ref("KeyInfo"))));
        responses.set("400", refResponse("BadRequest"));
        responses.set("401", refResponse("Unauthorized"));
        responses.set("403", refResponse("Forbidden"));
        return op;
    }

    private static ObjectNode createKey()
    {
        final ObjectNode op = operation("keys", "createKey", "Create an API key",
            "Returns the new key: it is shown only this once (the server keeps a salted hash). Admin keys only.");
        op.putObject("requestBody").put("required", false).putObject("content").putObject("application/json")
            .set("schema", ref("KeyRequest"));
        final ObjectNode responses = op.putObject("responses");
        responses.set("201", jsonResponse("The key was created", ref("KeyCreated")));
        responses.set("400", refResponse("BadRequest"));
        responses.set("401", refResponse("Unauthorized"));
        responses.set("403", refResponse("Forbidden"));
        responses.set("409", errorResponse("A key with that name already exists"));
        return op;
    }

    private static ObjectNode revokeKey()
    {
        final ObjectNode op = operation("keys", "revokeKey", "Revoke an API key",
            "Takes effect at once. Admin keys only.");
        op.putArray("parameters").add(F.objectNode().put("name", "name").put("in", "path").put("required", true)
            .put("description", "The key's name").set("schema", F.objectNode().put("type", "string")));
        final ObjectNode responses = op.putObject("responses");
        responses.putObject("204").put("description", "Revoked");
        responses.set("400", refResponse("BadRequest"));
        responses.set("401", refResponse("Unauthorized"));
        responses.set("403", refResponse("Forbidden"));
        responses.set("404", refResponse("NotFound"));
        return op;
    }

    private static ObjectNode schemas()
    {
        final ObjectNode s = F.objectNode();
        s.set("Error", object("error").set("properties", F.objectNode()
            .set("error", string("What went wrong; for a bad parameter, its name comes first"))));
        s.set("Health", object("status").set("properties", F.objectNode()
            .<ObjectNode>set("status", F.objectNode().put("type", "string").set("enum", F.arrayNode().add("ok")))
            .<ObjectNode>set("version", string("The server's version"))
            .<ObjectNode>set("time", string("The server's clock, ISO-8601 UTC"))
            .set("time_ns", epochNs("The server's clock"))));
        s.set("Counts", object("trades", "quotes", "book_deltas", "rejected").set("properties", F.objectNode()
            .<ObjectNode>set("trades", integer("Accepted trades"))
            .<ObjectNode>set("quotes", integer("Accepted quotes"))
            .<ObjectNode>set("book_deltas", integer("Accepted book deltas"))
            .set("rejected", integer("Messages of any type the validator rejected"))));
        s.set("Contract", object("symbol", "venue", "counts").set("properties", F.objectNode()
            .<ObjectNode>set("symbol", string("The instrument's symbol, as used in the paths"))
            .<ObjectNode>set("venue", string("Its venue"))
            .<ObjectNode>set("first_event", isoTime("Its first event (absent before any)"))
            .<ObjectNode>set("last_event", isoTime("Its last event (absent before any)"))
            .<ObjectNode>set("first_event_ns", epochNs("Its first event"))
            .<ObjectNode>set("last_event_ns", epochNs("Its last event"))
            .set("counts", ref("Counts"))));
        s.set("Trade", object("seq", "ts", "ts_ns", "recv_ns", "price", "size", "side", "trade_id").set("properties",
            F.objectNode()
                .<ObjectNode>set("seq", integer("The engine's sequence number (journal order)"))
                .<ObjectNode>set("ts", isoTime("Event (exchange) time"))
                .<ObjectNode>set("ts_ns", epochNs("Event (exchange) time"))
                .<ObjectNode>set("recv_ns", epochNs("When the engine received it"))
                .<ObjectNode>set("price", decimal("Trade price"))
                .<ObjectNode>set("size", decimal("Trade size"))
                .<ObjectNode>set("side", F.objectNode().put("type", "string").put("description", "Aggressor side")
                    .set("enum", F.arrayNode().add("buy").add("sell").add("none")))
                .<ObjectNode>set("bid", decimal("Best bid at the trade, when the source gave it (else absent)"))
                .<ObjectNode>set("ask", decimal("Best ask at the trade, when the source gave it (else absent)"))
                .set("trade_id", integer("The source's trade id"))));
        s.set("StreamTrade", message("trade", F.objectNode()
            .<ObjectNode>set("price", decimal("Trade price"))
            .<ObjectNode>set("size", decimal("Trade size"))
            .<ObjectNode>set("side", F.objectNode().put("type", "string").put("description", "Aggressor side")
                .set("enum", F.arrayNode().add("buy").add("sell").add("none")))
            .<ObjectNode>set("bid", decimal("Best bid at the trade, when the source gave it (else absent)"))
            .<ObjectNode>set("ask", decimal("Best ask at the trade, when the source gave it (else absent)"))
            .set("trade_id", integer("The source's trade id")), "price", "size", "side"));
        s.set("StreamQuote", message("quote", F.objectNode()
            .<ObjectNode>set("bid", decimal("Best bid price"))
            .<ObjectNode>set("ask", decimal("Best ask price"))
            .<ObjectNode>set("bid_size", decimal("Size at the best bid"))
            .set("ask_size", decimal("Size at the best ask"))));
        s.set("StreamBookDelta", message("book_delta", F.objectNode()
            .<ObjectNode>set("action", F.objectNode().put("type", "string")
                .set("enum", F.arrayNode().add("add").add("modify").add("delete").add("clear")))
            .<ObjectNode>set("side", F.objectNode().put("type", "string").set("enum", F.arrayNode().add("buy").add("sell")))
            .<ObjectNode>set("price", decimal("Level price (absent for clear)"))
            .<ObjectNode>set("size", decimal("New size at the level; 0 removes it (absent for clear)"))
            .<ObjectNode>set("orders", integer("Order count at the level (absent for clear)"))
            .set("flags", string("snapshot, end_of_batch, correction, joined by |; the book is consistent after a delta " +
                "with end_of_batch")), "action", "side", "flags"));
        s.set("StreamStatus", message("status", F.objectNode()
            .<ObjectNode>set("status", string("The status code, lower case (e.g. heartbeat, connected, gap)"))
            .set("value", integer("The status's value")), "status"));
        s.set("BookSnapshot", object("type", "symbol", "instrument_id", "seq", "bids", "asks").set("properties", F.objectNode()
            .<ObjectNode>set("type", constant("book_snapshot"))
            .<ObjectNode>set("symbol", string("The instrument"))
            .<ObjectNode>set("instrument_id", integer("The instrument's id"))
            .<ObjectNode>set("seq", integer("The engine sequence of the last journal message the book includes: apply " +
                "the deltas with a greater seq"))
            .<ObjectNode>set("ts", isoTime("Event time of the last delta in the book (absent for an empty book)"))
            .<ObjectNode>set("ts_ns", epochNs("Event time of the last delta in the book"))
            .<ObjectNode>set("bids", array(ref("Level")).put("description", "Every level, best (highest) first"))
            .set("asks", array(ref("Level")).put("description", "Every level, best (lowest) first"))));
        s.set("StreamBar", object("type", "symbol", "instrument_id", "interval", "start", "end").set("properties", F.objectNode()
            .<ObjectNode>set("type", constant("bar"))
            .<ObjectNode>set("symbol", string("The instrument"))
            .<ObjectNode>set("instrument_id", integer("The instrument's id"))
            .<ObjectNode>set("interval", string("The bar interval as asked (bars=)"))
            .<ObjectNode>set("start", isoTime("Bar start, inclusive"))
            .<ObjectNode>set("end", isoTime("Bar end, exclusive"))
            .set("fields", string("Also start_ns, end_ns, open, high, low, close, volume, buy_volume, sell_volume, trades, " +
                "vwap, first_event(_ns), last_event(_ns), empty: the fields of /contracts/{symbol}/bars"))));
        s.set("Level", object("price", "size", "orders").set("properties", F.objectNode()
            .<ObjectNode>set("price", decimal("Level price"))
            .<ObjectNode>set("size", decimal("Total size at the level"))
            .set("orders", integer("Order count at the level (0 when the source does not give it)"))));
        s.set("OrderBook", object("symbol", "ts", "ts_ns", "bids", "asks").set("properties", F.objectNode()
            .<ObjectNode>set("symbol", string("The instrument"))
            .<ObjectNode>set("ts", isoTime("The time the book is shown at"))
            .<ObjectNode>set("ts_ns", epochNs("The time the book is shown at"))
            .<ObjectNode>set("bids", array(ref("Level")).put("description", "Best (highest) first"))
            .set("asks", array(ref("Level")).put("description", "Best (lowest) first"))));
        s.set("KeyRequest", F.objectNode().put("type", "object").set("properties", F.objectNode()
            .<ObjectNode>set("name", string("A unique name (1-64 of letters, digits, . _ @ -); default: key-N"))
            .set("admin", F.objectNode().put("type", "boolean").put("default", false)
                .put("description", "Whether the key may administer keys"))));
        s.set("KeyCreated", object("name", "key", "admin", "created").set("properties", F.objectNode()
            .<ObjectNode>set("name", string("The key's name"))
            .<ObjectNode>set("key", string("The key itself: shown only this once"))
            .<ObjectNode>set("admin", F.objectNode().put("type", "boolean"))
            .set("created", isoTime("When it was created"))));
        s.set("KeyInfo", object("name", "admin", "created").set("properties", F.objectNode()
            .<ObjectNode>set("name", string("The key's name"))
            .<ObjectNode>set("admin", F.objectNode().put("type", "boolean"))
            .set("created", isoTime("When it was created"))));
        return s;
    }

    private static ObjectNode commonResponses()
    {
        final ObjectNode r = F.objectNode();
        r.set("BadRequest", errorResponse("A bad parameter: the message names it"));
        r.set("Unauthorized", errorResponse("No X-API-Key header, or a key that is not (or no longer) valid"));
        r.set("Forbidden", errorResponse("A valid key that is not an admin key"));
        r.set("NotFound", errorResponse("No such contract (symbol) or key"));
        final ObjectNode tooMany = errorResponse("Over the key's rate limit (requests per second or response bytes per " +
            "minute): the message says which; try again after Retry-After seconds");
        tooMany.putObject("headers").set(ApiServer.RETRY_AFTER_HEADER, F.objectNode()
            .put("description", "Seconds to wait before the key's next request can succeed (at least 1)")
            .set("schema", F.objectNode().put("type", "integer").put("minimum", 1)));
        r.set("TooManyRequests", tooMany);
        return r;
    }

    /**
     * A stream message: the envelope of {@code tickwire dump} (type, symbol, instrument_id, seq, ts, ts_ns, recv_ns,
     * verdict, source, source_pos) and the type's own fields.
     */
    private static ObjectNode message(final String type, final ObjectNode fields, final String... required)
    {
        final java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("type", "instrument_id", "seq",
            "ts", "ts_ns", "recv_ns", "verdict", "source", "source_pos"));
        all.addAll(java.util.List.of(required));
        final ObjectNode schema = object(all.toArray(new String[0]));
        final ObjectNode properties = schema.putObject("properties");
        properties.set("type", constant(type));
        properties.set("symbol", string("The instrument (absent for a message of no instrument)"));
        properties.set("instrument_id", integer("The instrument's id (0 or less: none)"));
        properties.set("seq", integer("The engine's sequence number (journal order)"));
        properties.set("ts", isoTime("Event (exchange) time"));
        properties.set("ts_ns", epochNs("Event (exchange) time"));
        properties.set("recv_ns", epochNs("When the engine received it"));
        properties.setAll(fields);
        properties.set("verdict", constant("accepted"));
        properties.set("source", integer("The source's id"));
        properties.set("source_pos", integer("The message's position in its source"));
        return schema;
    }

    private static ObjectNode constant(final String value)
    {
        return F.objectNode().put("type", "string").set("enum", F.arrayNode().add(value));
    }

    private static ObjectNode operation(final String tag, final String id, final String summary, final String description)
    {
        final ObjectNode op = F.objectNode();
        op.putArray("tags").add(tag);
        op.put("operationId", id).put("summary", summary).put("description", description);
        return op;
    }

    private static ObjectNode tag(final String name, final String description)
    {
        return F.objectNode().put("name", name).put("description", description);
    }

    private static ObjectNode symbolParameter()
    {
        return F.objectNode().put("name", "symbol").put("in", "path").put("required", true)
            .put("description", "The contract's symbol, as listed by /contracts").set("schema", F.objectNode().put("type", "string"));
    }

    private static ObjectNode timeParameter(final String name, final String description)
    {
        return query(name, description + " " + TIME_FORMATS, F.objectNode().put("type", "string"));
    }

    private static ObjectNode query(final String name, final String description, final ObjectNode schema)
    {
        final ObjectNode p = F.objectNode().put("name", name).put("in", "query").put("required", false)
            .put("description", description);
        p.set("schema", schema);
        return p;
    }

    private static ObjectNode appliedHeader()
    {
        return F.objectNode().put("description", "The limit or levels applied, after capping")
            .set("schema", F.objectNode().put("type", "integer"));
    }

    private static ObjectNode jsonResponse(final String description, final ObjectNode schema)
    {
        final ObjectNode r = F.objectNode().put("description", description);
        r.putObject("content").putObject("application/json").set("schema", schema);
        return r;
    }

    private static ObjectNode errorResponse(final String description)
    {
        return jsonResponse(description, ref("Error"));
    }

    private static ObjectNode refResponse(final String name)
    {
        return F.objectNode().put("$ref", "#/components/responses/" + name);
    }

    private static ObjectNode ref(final String schema)
    {
        return F.objectNode().put("$ref", "#/components/schemas/" + schema);
    }

    private static ObjectNode array(final ObjectNode items)
    {
        final ObjectNode a = F.objectNode().put("type", "array");
        a.set("items", items);
        return a;
    }

    private static ObjectNode object(final String... required)
    {
        final ObjectNode o = F.objectNode().put("type", "object");
        final ArrayNode r = o.putArray("required");
        for (final String name : required)
        {
            r.add(name);
        }
        return o;
    }

    private static ObjectNode string(final String description)
    {
        return F.objectNode().put("type", "string").put("description", description);
    }

    private static ObjectNode decimal(final String description)
    {
        return F.objectNode().put("type", "string").put("format", "decimal").put("example", "5853.25")
            .put("description", description + " (exact decimal string)");
    }

    private static ObjectNode isoTime(final String description)
    {
        return F.objectNode().put("type", "string").put("format", "date-time")
            .put("example", "2026-01-02T14:30:00.123456789Z").put("description", description + ", ISO-8601 UTC with nanoseconds");
    }

    private static ObjectNode epochNs(final String description)
    {
        return F.objectNode().put("type", "integer").put("format", "int64")
            .put("description", description + ", epoch nanoseconds");
    }

    private static ObjectNode integer(final String description)
    {
        return F.objectNode().put("type", "integer").put("format", "int64").put("description", description);
    }
}
