package dev.tickwire.adapters.lobster;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class LobsterFileNameTest
{
    @Test
    void readsTickerDateWindowKindAndLevels()
    {
        assertThat(LobsterFileName.parse("AAPL_2012-06-21_34200000_57600000_message_10.csv")).isEqualTo(
            new LobsterFileName("AAPL", LocalDate.parse("2012-06-21"), 34_200_000, 57_600_000, "message", 10));
        assertThat(LobsterFileName.parse("AAPL_2012-06-21_34200000_57600000_orderbook_10.part1.csv")).isEqualTo(
            new LobsterFileName("AAPL", LocalDate.parse("2012-06-21"), 34_200_000, 57_600_000, "orderbook", 10));
        assertThat(LobsterFileName.parse("BRK_B_2020-01-02_34200000_36000000_message_1.csv.gz").ticker()).isEqualTo("BRK_B");
        assertThat(LobsterFileName.parse("AAPL_2012-06-21_34200000_57600000_trades_10.csv")).isNull();
        assertThat(LobsterFileName.parse("AAPL_2012-13-21_34200000_57600000_message_10.csv")).isNull();
        assertThat(LobsterFileName.parse("messages.csv")).isNull();
    }
}
