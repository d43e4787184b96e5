package dev.tickwire.monitor.alert;

import java.util.List;

/** A condition over a {@link Sample}; stateful rules (rates) keep their own history, on one thread. */
public interface AlertRule
{
    /** The rule's name from the config (or its type): the first part of every alert it raises. */
    String name();

    /**
     * What is wrong now: one {@link Firing} per instance (a source, the disk); empty when all is well.
     */
    List<Firing> check(Sample sample);

    /**
     * @param instance what the alert is about within the rule ("sierra ES scid"; "" for the engine)
     * @param summary  one line
     * @param detail   the values behind it
     */
    record Firing(String instance, String summary, String detail)
    {
    }
}
