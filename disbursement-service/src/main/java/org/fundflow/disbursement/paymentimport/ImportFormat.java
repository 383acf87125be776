package org.fundflow.disbursement.paymentimport;

import java.util.Locale;
import org.fundflow.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** The file formats an import accepts, told apart by their first bytes first and their name second. */
enum ImportFormat {
    CSV("csv"), XLSX("xlsx");

    final String extension;

    ImportFormat(String extension) {
        this.extension = extension;
    }

    SheetReader reader() {
        return this == CSV ? new CsvReader() : new XlsxReader();
    }

    /**
     * @param head the file's first bytes (up to 4 KiB)
     * @throws ApiProblem 415 for anything else
     */
    static ImportFormat detect(String fileName, String contentType, byte[] head) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (startsWith(head, 0x50, 0x4B, 0x03, 0x04)) {
            return XLSX; // a ZIP container: whether it really is a workbook is found out when it is read
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw unsupported("an Excel 97-2003 workbook (.xls) is not supported: save it as .xlsx or as CSV UTF-8");
        }
        if (name.endsWith(".xlsx")) {
            throw unsupported("the file is named .xlsx but is not an XLSX workbook");
        }
        boolean textual = name.endsWith(".csv") || type.startsWith("text/csv") || type.startsWith("text/plain")
                || type.startsWith("application/csv");
        if (textual) {
            for (byte b : head) {
                if (b == 0) {
                    throw unsupported("the file is named or typed as CSV but is binary; upload CSV (UTF-8) or XLSX");
                }
            }
            return CSV;
        }
        throw unsupported("unsupported file format" + (fileName == null ? "" : " of '" + fileName + "'")
                + ": upload CSV (UTF-8, named .csv) or XLSX");
    }

    private static ApiProblem unsupported(String detail) {
        return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "file", detail);
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
