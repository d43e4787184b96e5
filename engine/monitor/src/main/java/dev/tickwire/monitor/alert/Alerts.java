package dev.tickwire.monitor.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns rule checks into notices: an alert fires once when its condition starts, is sent again every
 * {@code renotifyEvery} while it lasts, and is resolved once when it ends. One thread calls
 * {@link #evaluate}; notices go to {@code notices}, which must not block (channels have their own
 * threads).
 */
public final class Alerts
{
    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

    private final List<AlertRule> rules;
    private final long renotifyMs;
    private final String host;
    private final Consumer<Notice> notices;
    private final Map<String, Active> active = new LinkedHashMap<>();

    public Alerts(final List<AlertRule> rules, final long renotifyMs, final String host, final Consumer<Notice> notices)
    {
        this.rules = List.copyOf(rules);
        this.renotifyMs = renotifyMs;
        this.host = host;
        this.notices = notices;
    }

    /** Checks every rule against {@code sample}; returns the notices sent. */
    public List<Notice> evaluate(final Sample sample)
    {
        final List<Notice> sent = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final long now = sample.nowMs();
        for (final AlertRule rule : rules)
        {
            final List<AlertRule.Firing> firings;
            try
            {
                firings = rule.check(sample);
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("alert rule {} failed to check: {}", rule.name(), ex.toString());
                continue;
            }
            for (final AlertRule.Firing firing : firings)
            {
                final String key = firing.instance().isEmpty() ? rule.name() : rule.name() + ":" + firing.instance();
                seen.add(key);
                final Active was = active.get(key);
                if (was == null)
                {
                    active.put(key, new Active(rule, firing, now, now));
                    sent.add(send(new Notice(key, Notice.State.FIRING, firing.summary(), firing.detail(), now, host)));
                }
                else
                {
                    was.firing = firing;
                    if (renotifyMs > 0 && now - was.notifiedMs >= renotifyMs)
                    {
                        was.notifiedMs = now;
                        sent.add(send(new Notice(key, Notice.State.REMINDER, firing.summary(), firing.detail() +
                            "\nfiring since " + java.time.Instant.ofEpochMilli(was.sinceMs), now, host)));
                    }
                }
            }
        }
        active.entrySet().removeIf(e ->
        {
            if (seen.contains(e.getKey()))
            {
                return false;
            }
            final Active was = e.getValue();
            sent.add(send(new Notice(e.getKey(), Notice.State.RESOLVED, "resolved: " + was.firing.summary(),
                "was firing for " + (now - was.sinceMs) / 1000 + " s", now, host)));
            return true;
        });
        return sent;
    }

    private Notice send(final Notice notice)
    {
        if (notice.state() == Notice.State.RESOLVED)
        {
            LOG.info("alert {} {}: {}", notice.state(), notice.rule(), notice.summary());
        }
        else
        {
            LOG.warn("alert {} {}: {}", notice.state(), notice.rule(), notice.summary());
        }
        notices.accept(notice);
        return notice;
    }

    /** What is firing now: "rule[:instance]" → its summary. */
    public Map<String, String> firing()
    {
        final Map<String, String> firing = new LinkedHashMap<>();
        active.forEach((key, a) -> firing.put(key, a.firing.summary()));
        return firing;
    }

    /** The place of a rule in the config (the value of its alert statuses), or -1. */
    public int ruleIndex(final String key)
    {
        final Active a = active.get(key);
        final AlertRule rule = a != null ? a.rule : null;
        for (int i = 0; i < rules.size(); i++)
        {
            if (rules.get(i) == rule || key.equals(rules.get(i).name()) || key.startsWith(rules.get(i).name() + ":"))
            {
                return i;
            }
        }
        return -1;
    }

    private static final class Active
    {
        final AlertRule rule;
        AlertRule.Firing firing;
        final long sinceMs;
        long notifiedMs;

        Active(final AlertRule rule, final AlertRule.Firing firing, final long sinceMs, final long notifiedMs)
        {
            this.rule = rule;
            this.firing = firing;
            this.sinceMs = sinceMs;
            this.notifiedMs = notifiedMs;
        }
    }
}
