package org.fundflow.evaluation.progress;

import java.time.LocalDate;
import java.util.List;

/** Response of {@code GET /api/alerts}. */
record AlertReport(LocalDate asOf, int passDownDays, String lagMargin, List<Alert> alerts) {
}
