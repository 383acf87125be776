package org.fundflow.dashboard.live;

import java.util.Objects;

/**
 * What a browser is told when figures changed: enough to decide whether its view is concerned, never the figures
 * themselves (the browser re-reads those from the APIs, so there is one source of truth and nothing to keep
 * consistent here). A null field means "several" or "not known": the browser then refreshes to be safe.
 *
 * @param type  the event type (PaymentRecorded, AllocationIssued, …), or {@code Changed} for a mix
 * @param count how many changes this message stands for
 */
record Nudge(String type, String programCode, Integer fiscalYear, String allocationId, int count) {
    static final String MIXED = "Changed";

    /** One message for two bursts of changes: what they share is kept, what differs becomes null. */
    Nudge merge(Nudge other) {
        return new Nudge(Objects.equals(type, other.type) ? type : MIXED, same(programCode, other.programCode),
                same(fiscalYear, other.fiscalYear), same(allocationId, other.allocationId), count + other.count);
    }

    private static <T> T same(T a, T b) {
        return Objects.equals(a, b) ? a : null;
    }
}
