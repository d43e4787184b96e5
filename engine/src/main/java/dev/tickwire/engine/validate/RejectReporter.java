package dev.tickwire.engine.validate;

import dev.tickwire.wire.sbe.RejectReason;

/** Told of every rejected message, on the validating thread, after it is counted. */
@FunctionalInterface
public interface RejectReporter
{
    RejectReporter NONE = (sourceId, position, reason, templateId) -> { };

    void onReject(int sourceId, long sourcePosition, RejectReason reason, int templateId);
}
