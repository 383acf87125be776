package org.fundflow.reporting.export;

import java.util.Locale;
import org.fundflow.platform.web.ApiProblem;

/** The formats every report downloads in, parsed once for all report endpoints. */
public enum ExportFormat {
    JSON, CSV, XLSX;

    /** The {@code format} query parameter: absent means JSON; anything else is a 400 naming the parameter. */
    public static ExportFormat parse(String value) {
        if (value == null) {
            return JSON;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "csv" -> CSV;
            case "xlsx" -> XLSX;
            default -> throw ApiProblem.invalid("format", "format must be json, csv or xlsx, not '"
                    + (value.length() <= 40 ? value : value.substring(0, 40) + "…") + "'");
        };
    }
}
