package org.fundflow.disbursement.paymentimport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams the rows of an uploaded file from disk, never holding more than one row. Blank rows are skipped; cells are
 * trimmed and an empty cell is null (absent).
 */
interface SheetReader {

    /** Receives the rows in file order: the first non-blank row is the header. */
    interface RowConsumer {
        /**
         * @param line  the row's line (CSV: the physical line it starts on) or row number (XLSX), 1-based
         * @param cells the row's cells by column; null for an empty cell
         * @param error why the row could not be split into cells, or null
         */
        void accept(long line, List<String> cells, String error);
    }

    void read(Path file, RowConsumer consumer) throws IOException;

    /** Trimmed, and null when nothing is left. */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        return s.isEmpty() ? null : s;
    }
}
