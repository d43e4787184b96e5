package dev.tickwire.tools;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --shard i/n}: parsed naming the option, and every key owned by exactly one part, the same every time. */
class ShardTest
{
    @Test
    void parsesOneBasedAndNamesTheOptionWhenWrong()
    {
        assertThat(Shard.parse("2/3", "--shard")).isEqualTo(new Shard(2, 3));
        assertThat(Shard.parse(" 1 / 1 ", "--shard").isAll()).isTrue();
        assertThat(Shard.parse("3/3", "--shard").toString()).isEqualTo("3/3");
        for (final String bad : new String[] {"0/3", "4/3", "1/0", "a/b", "1", "", "-1/2", "1/2/3"})
        {
            assertThatThrownBy(() -> Shard.parse(bad, "--shard")).as(bad).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--shard must be i/n");
        }
        final CliTest.Result cli = CliTest.run("daily", "--config", "none.yaml", "--shard", "0/2");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--shard", "1 <= i <= n");
    }

    @Test
    void consecutiveDaysTakeTurnsAndEveryDayHasOneOwner()
    {
        final Shard[] parts = {Shard.parse("1/3", "s"), Shard.parse("2/3", "s"), Shard.parse("3/3", "s")};
        final int[] owned = new int[3];
        for (LocalDate d = LocalDate.of(2023, 1, 1); d.isBefore(LocalDate.of(2025, 1, 1)); d = d.plusDays(1))
        {
            int owners = 0;
            for (int i = 0; i < parts.length; i++)
            {
                if (parts[i].owns(d))
                {
                    owners++;
                    owned[i]++;
                }
            }
            assertThat(owners).as(d.toString()).isEqualTo(1);
            assertThat(parts[(int)(d.toEpochDay() % 3)].owns(d)).as("round-robin by day number").isTrue();
        }
        for (final int n : owned)
        {
            assertThat(n).as("731 days in turns").isBetween(243, 244);
        }
        assertThat(Shard.ALL.owns(LocalDate.of(2024, 3, 1))).isTrue();
    }

    @Test
    void otherKeysGoByAStableHash()
    {
        // FNV-1a 64 of "a", as published: the split never changes between runs, hosts or Java versions
        assertThat(Shard.fnv1a("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(Shard.fnv1a("")).isEqualTo(0xcbf29ce484222325L);
        final Shard[] parts = {new Shard(1, 4), new Shard(2, 4), new Shard(3, 4), new Shard(4, 4)};
        final int[] owned = new int[4];
        for (int k = 0; k < 20_000; k++)
        {
            final String key = "2024-03-01:SYM" + k;
            int owners = 0;
            for (int i = 0; i < parts.length; i++)
            {
                if (parts[i].owns(key))
                {
                    owners++;
                    owned[i]++;
                }
            }
            assertThat(owners).isEqualTo(1);
        }
        for (final int n : owned)
        {
            assertThat(n).as("an even split").isBetween(4_500, 5_500);
        }
        assertThat(new Shard(2, 4).owns("BTCUSDT")).isEqualTo(new Shard(2, 4).owns("BTCUSDT"));
    }
}
