package dev.tickwire.tools.snapshots;

import dev.tickwire.engine.book.L2Book;
import dev.tickwire.journal.Instrument;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three formats on a hand-made book, and LOBSTER's price scaling at every exponent. */
class SnapshotsFormatsTest
{
    @Test
    void lobsterScalesExactlyAtCoarseExponentsAndRoundsHalfUpAtFineOnes()
    {
        assertThat(LobsterFormat.scale(500025, -2 + 4)).isEqualTo(50_002_500L); // 5000.25
        assertThat(LobsterFormat.scale(5000, 0 + 4)).isEqualTo(50_000_000L);     // 5000
        assertThat(LobsterFormat.scale(12, 3 + 4)).isEqualTo(120_000_000L);     // 12000 at exponent 3
        assertThat(LobsterFormat.scale(50002500, -4 + 4)).isEqualTo(50_002_500L);
        // exponent -6: 1.234567 → 12345.67 → 12346; ties away from zero
        assertThat(LobsterFormat.scale(1_234_567, -6 + 4)).isEqualTo(12_346L);
        assertThat(LobsterFormat.scale(1_234_549, -6 + 4)).isEqualTo(12_345L);
        assertThat(LobsterFormat.scale(1_234_550, -6 + 4)).isEqualTo(12_346L);
        assertThat(LobsterFormat.scale(-1_234_550, -6 + 4)).isEqualTo(-12_346L);
        assertThat(LobsterFormat.scale(-1_234_549, -6 + 4)).isEqualTo(-12_345L);
        assertThat(LobsterFormat.scale(4, -1)).isZero();
        assertThat(LobsterFormat.scale(5, -1)).isEqualTo(1);
        assertThat(LobsterFormat.scale(Long.MAX_VALUE, -19)).isEqualTo(1);
        assertThatThrownBy(() -> LobsterFormat.scale(Long.MAX_VALUE / 10, 2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void formatsOfAHandMadeBook()
    {
        final Instrument instrument = new Instrument(7, "BTC,USD", "Binance", -1, -3, 1);
        final BookLevels levels = new BookLevels(3);
        try (L2Book book = new L2Book(7, 8))
        {
            book.set(L2Book.BID, 650_001, 1_500, 2);  // 65000.1 x 1.5
            book.set(L2Book.BID, 649_995, 250, 1);    // 64999.5 x 0.25
            book.set(L2Book.ASK, 650_003, 1, 1);      // 65000.3 x 0.001
            levels.capture(book, 1_767_364_200_123_456_789L, 1_767_364_200_123_999_000L);
        }
        assertThat(levels.count(L2Book.BID)).isEqualTo(2);
        assertThat(levels.count(L2Book.ASK)).isEqualTo(1);

        final StringWriter tardis = new StringWriter();
        final SnapshotFormat t = SnapshotFormat.create(SnapshotFormat.Kind.parse("Tardis"), instrument, 3, tardis);
        t.begin();
        t.write(levels, levels.eventTimeNs(), levels.receiveTimeNs());
        assertThat(tardis.toString().lines().toList()).containsExactly(
            "exchange,symbol,timestamp,local_timestamp,asks[0].price,asks[0].amount,bids[0].price,bids[0].amount,"
                + "asks[1].price,asks[1].amount,bids[1].price,bids[1].amount,asks[2].price,asks[2].amount,bids[2].price,bids[2].amount",
            "binance,\"BTC,USD\",1767364200123456,1767364200123999,65000.3,0.001,65000.1,1.500,,,64999.5,0.250,,,,");

        final StringWriter lobster = new StringWriter();
        SnapshotFormat.create(SnapshotFormat.Kind.LOBSTER, instrument, 3, lobster).write(levels, 0, 0);
        // prices × 10000 exactly; sizes 0.001 → 0, 1.5 → 2 (half up), 0.25 → 0
        assertThat(lobster.toString()).isEqualTo(
            "650003000,0,650001000,2,9999999999,0,649995000,0,9999999999,0,-9999999999,0\n");

        final StringWriter jsonl = new StringWriter();
        SnapshotFormat.create(SnapshotFormat.Kind.JSONL, instrument, 1, jsonl).write(levels, 5, 6);
        assertThat(jsonl.toString()).isEqualTo("{\"symbol\":\"BTC,USD\",\"ts\":\"1970-01-01T00:00:00.000000005Z\",\"ts_ns\":5,"
            + "\"recv_ns\":6,\"bids\":[{\"price\":\"65000.1\",\"size\":\"1.500\",\"orders\":2}],"
            + "\"asks\":[{\"price\":\"65000.3\",\"size\":\"0.001\",\"orders\":1}]}\n");
    }

    @Test
    void unknownFormatNamesTheChoices()
    {
        assertThatThrownBy(() -> SnapshotFormat.Kind.parse("csv")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("tardis, lobster or jsonl");
    }
}
