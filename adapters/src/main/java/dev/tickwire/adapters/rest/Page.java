package dev.tickwire.adapters.rest;

import java.util.List;

/**
 * What one poll of a stream found: its items in source-position order, and whether more history follows at once
 * (a full page: the next page is asked without waiting for the poll interval), and what was wrong with items it
 * kept as rejected (MALFORMED) or could not place at all, one line each.
 */
record Page(List<Item> items, boolean more, List<String> problems)
{
    static final Page EMPTY = new Page(List.of(), false, List.of());
}
