package org.fundflow.budget;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fundflow.contracts.Money;
import org.fundflow.platform.web.ApiProblem;
import org.fundflow.platform.web.Texts;

/**
 * Shape checks of request fields (400 with the field at fault). Requests arrive as strings and are checked here
 * rather than by Jackson, so every malformed value, amounts and dates included, names its own field and no lenient
 * parser accepts what the API does not (e.g. a date as a number of days).
 */
public final class Requests {
    public static final Pattern REGION_CODE = Pattern.compile("[0-9]{6}");
    public static final Pattern ORG_CODE = Pattern.compile("[0-9A-Za-z_-]{1,32}");
    public static final Pattern PROGRAM_CODE = Pattern.compile("[0-9A-Za-z_.-]{1,64}");
    public static final Pattern FUNCTION_CODE = Pattern.compile("[0-9]{3}|[0-9]{5}|[0-9]{7}");
    public static final Pattern ECONOMIC_CODE = Pattern.compile("[0-9]{3}|[0-9]{5}");
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Requests() {
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw ApiProblem.invalid(field, field + " is required");
        }
        return value;
    }

    /** A required single-line text (a name, a document number) of 1 to {@code max} characters, not only blanks. */
    public static String text(String field, String value, int max) {
        return checkedText(field, required(field, value), max, false, true);
    }

    /** A required text that may run over several lines (a reason). */
    public static String paragraph(String field, String value, int max) {
        return checkedText(field, required(field, value), max, true, true);
    }

    /** An optional text that may run over several lines (a note); it may be empty. */
    public static String optionalParagraph(String field, String value, int max) {
        return value == null ? null : checkedText(field, value, max, true, false);
    }

    /**
     * Lengths count characters, not UTF-16 units. Refused: control characters (NUL cannot be stored at all, the
     * others forge log lines and break exports; line breaks and tabs only where several lines make sense), the
     * bidirectional overrides and isolates that make a text display other than it reads (U+202A–U+202E,
     * U+2066–U+2069), and lone surrogates, which would be stored as '?'.
     */
    private static String checkedText(String field, String value, int max, boolean multiline, boolean required) {
        if (required && value.isBlank()) {
            throw ApiProblem.invalid(field, field + " must not be blank");
        }
        return Texts.check(field, value, max, multiline);
    }

    public static String code(String field, String value, Pattern shape, String description) {
        required(field, value);
        if (!shape.matcher(value).matches()) {
            throw ApiProblem.invalid(field, field + " '" + abbreviate(value) + "' is not " + description);
        }
        return value;
    }

    public static String optionalCode(String field, String value, Pattern shape, String description) {
        return value == null ? null : code(field, value, shape, description);
    }

    public static String regionCode(String field, String value) {
        return code(field, value, REGION_CODE, "a region code (six digits of GB/T 2260, e.g. 140700)");
    }

    public static String functionCode(String field, String value) {
        return code(field, value, FUNCTION_CODE, "a function code (功能分类科目: 3, 5 or 7 digits, e.g. 2101301)");
    }

    public static int year(String field, Integer value) {
        required(field, value);
        if (value < MIN_YEAR || value > MAX_YEAR) {
            throw ApiProblem.invalid(field, field + " must be a year from " + MIN_YEAR + " to " + MAX_YEAR);
        }
        return value;
    }

    /** A calendar date written exactly as YYYY-MM-DD. */
    public static LocalDate date(String field, String value) {
        required(field, value);
        if (!DATE.matcher(value).matches()) {
            throw ApiProblem.invalid(field, field + " must be a date YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(field, field + " '" + value + "' is not a calendar date");
        }
    }

    public static UUID optionalUuid(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!UUID_TEXT.matcher(value).matches()) {
            throw ApiProblem.invalid(field, field + " must be a UUID");
        }
        return UUID.fromString(value);
    }

    /** An amount in 元 (string, at most two decimals, up to 10^13) that must be greater than zero. */
    public static Money positiveAmount(String field, String value) {
        Money money = amount(field, value);
        if (!money.isPositive()) {
            throw ApiProblem.invalid(field, field + " must be greater than zero");
        }
        return money;
    }

    /** A signed amount in 元 that must not be zero (an adjustment's delta). */
    public static Money nonZeroAmount(String field, String value) {
        Money money = amount(field, value);
        if (money.isZero()) {
            throw ApiProblem.invalid(field, field + " must not be zero: a positive delta adds (追加), a negative one "
                    + "reduces (调减)");
        }
        return money;
    }

    private static Money amount(String field, String value) {
        required(field, value);
        try {
            return Money.parse(value);
        } catch (Money.InvalidAmountException e) {
            throw ApiProblem.invalid(field, field + " " + e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
