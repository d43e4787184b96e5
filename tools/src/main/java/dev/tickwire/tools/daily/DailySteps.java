package dev.tickwire.tools.daily;

import dev.tickwire.engine.config.ConfigException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every step there is, in the default chain's order, and the check of a chain: known names, once each, needs first. */
public final class DailySteps
{
    /** The default chain, and every step by name; backup is there to be chosen (it needs a target). */
    private static final Map<String, DailyStep> ALL = new LinkedHashMap<>();

    static
    {
        for (final DailyStep step : List.of(new InstrumentsStep(), new DownloadStep(), new ImportStep(), new GapsStep(),
            new BarsStep(), new ArchiveStep(), new VerifyStep(), new BackupStep()))
        {
            ALL.put(step.name(), step);
        }
    }

    private DailySteps()
    {
    }

    /** The chain when {@code daily.steps} is not given: all but backup. */
    public static List<String> defaultChain()
    {
        return ALL.keySet().stream().filter(n -> !n.equals(BackupStep.NAME)).toList();
    }

    public static List<String> names()
    {
        return List.copyOf(ALL.keySet());
    }

    /**
     * The steps named, in the order given, checked: each known and there once, and after every step it needs that
     * is in the chain too. A needed step left out is allowed (the download folder may be filled by another client).
     *
     * @param key what the list is called in messages: "daily.steps" (its entries become "daily.steps[3]"), "--steps"
     * @throws ConfigException naming the entry
     */
    public static List<DailyStep> chain(final List<String> names, final String key)
    {
        if (names == null || names.isEmpty())
        {
            throw new ConfigException(key, "must list at least one step of " + names());
        }
        final Map<String, Integer> place = new HashMap<>();
        final List<DailyStep> chain = new ArrayList<>();
        for (int i = 0; i < names.size(); i++)
        {
            final String at = key + "[" + i + "]";
            final String name = names.get(i) == null ? "" : names.get(i).strip();
            final DailyStep step = ALL.get(name);
            if (step == null)
            {
                throw new ConfigException(at, "unknown step '" + name + "'; the steps are " + names());
            }
            if (place.putIfAbsent(name, i) != null)
            {
                throw new ConfigException(at, "'" + name + "' is already " + key + "[" + place.get(name) + "]");
            }
            chain.add(step);
        }
        for (int i = 0; i < chain.size(); i++)
        {
            for (final String need : chain.get(i).needs())
            {
                final Integer at = place.get(need);
                if (at != null && at > i)
                {
                    throw new ConfigException(key + "[" + i + "]", "'" + chain.get(i).name() + "' needs '" + need +
                        "' before it, but '" + need + "' is " + key + "[" + at + "]; in order: " + orderOf(names));
                }
            }
        }
        return List.copyOf(chain);
    }

    /** The given names in the default chain's order: what a wrong order should have been. */
    private static List<String> orderOf(final List<String> names)
    {
        return ALL.keySet().stream().filter(names::contains).toList();
    }
}
