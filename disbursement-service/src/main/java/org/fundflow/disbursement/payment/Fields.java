package org.fundflow.disbursement.payment;

import org.fundflow.platform.web.Texts;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fundflow.contracts.Money;
import org.fundflow.platform.web.ApiProblem;

/**
 * Shape checks of request fields (400 with the field at fault). Fields arrive as strings and are checked here rather
 * than by Jackson, so every malformed value names its own field, and an imported row is checked by exactly the same
 * code as a request.
 */
final class Fields {
    static final Pattern ORG_CODE = Pattern.compile("[0-9A-Za-z_-]{1,32}");
    static final Pattern FUNCTION_CODE = Pattern.compile("[0-9]{3}|[0-9]{5}|[0-9]{7}");
    static final Pattern ECONOMIC_CODE = Pattern.compile("[0-9]{3}|[0-9]{5}");
    static final Pattern VOUCHER_NO = Pattern.compile("[0-9A-Za-z_./-]{1,64}");
    static final long MAX_BENEFICIARIES = 1_000_000_000L;

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Fields() {
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw ApiProblem.invalid(field, field + " is required");
        }
        return value;
    }

    static String text(String field, String value, int max) {
        required(field, value);
        if (value.isBlank()) {
            throw ApiProblem.invalid(field, field + " must not be blank");
        }
        return optionalText(field, value, max);
    }

    /**
     * Absent is fine; present must not be blank (leave it out instead), must fit, and must hold no control
     * characters or bidirectional overrides (see {@link Texts}).
     */
    static String optionalText(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw ApiProblem.invalid(field, field + " must not be blank (leave it out if there is none)");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw ApiProblem.invalid(field, field + " must be at most " + max + " characters");
        }
        int unsafe = Texts.firstUnsafe(value);
        if (unsafe >= 0) {
            throw ApiProblem.invalid(field, field + " must not contain control characters or bidirectional "
                    + "overrides (found " + String.format("U+%04X", unsafe) + ")");
        }
        return value;
    }

    static String code(String field, String value, Pattern shape, String description) {
        required(field, value);
        if (!shape.matcher(value).matches()) {
            throw ApiProblem.invalid(field, field + " '" + abbreviate(value) + "' is not " + description);
        }
        return value;
    }

    static String optionalCode(String field, String value, Pattern shape, String description) {
        return value == null ? null : code(field, value, shape, description);
    }

    static UUID uuid(String field, String value) {
        required(field, value);
        if (!UUID_TEXT.matcher(value).matches()) {
            throw ApiProblem.invalid(field, field + " must be a UUID");
        }
        return UUID.fromString(value);
    }

    /** A calendar date written exactly as YYYY-MM-DD. */
    static LocalDate date(String field, String value) {
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

    /** An amount in 元 (string, at most two decimals, up to 10^13) that must be greater than zero. */
    static Money positiveAmount(String field, String value) {
        required(field, value);
        Money money;
        try {
            money = Money.parse(value);
        } catch (Money.InvalidAmountException e) {
            throw ApiProblem.invalid(field, field + " " + e.getMessage());
        }
        if (!money.isPositive()) {
            throw ApiProblem.invalid(field, field + " must be greater than zero");
        }
        return money;
    }

    static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        required(field, value);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        throw ApiProblem.invalid(field, field + " must be one of " + java.util.List.of(type.getEnumConstants()));
    }

    private static String abbreviate(String s) {
        return Texts.abbreviate(s, 40);
    }
}
