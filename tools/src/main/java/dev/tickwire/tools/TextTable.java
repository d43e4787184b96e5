package dev.tickwire.tools;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Rows printed as left-aligned columns as wide as their widest cell, two spaces apart. */
final class TextTable
{
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(final String... header)
    {
        rows.add(List.of(header));
    }

    TextTable row(final Object... cells)
    {
        final List<String> row = new ArrayList<>();
        for (final Object cell : cells)
        {
            row.add(cell == null ? "" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty()
    {
        return rows.size() == 1;
    }

    void print(final PrintStream out)
    {
        final int columns = rows.get(0).size();
        final int[] width = new int[columns];
        for (final List<String> row : rows)
        {
            for (int c = 0; c < columns && c < row.size(); c++)
            {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        for (final List<String> row : rows)
        {
            final StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++)
            {
                final String cell = c < row.size() ? row.get(c) : "";
                line.append(cell);
                if (c < columns - 1)
                {
                    line.append(" ".repeat(width[c] - cell.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
