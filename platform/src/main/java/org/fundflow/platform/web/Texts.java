package org.fundflow.platform.web;

import java.util.HexFormat;

/**
 * Text from outside (request fields, imported cells, file names) on its way into the database, a message or a log.
 * One rule for every service: refused are control characters (PostgreSQL cannot store NUL in text or jsonb at all;
 * the others forge log lines and break CSV/XLSX exports — line breaks and tabs are allowed only where several lines
 * make sense), the bidirectional overrides, isolates and marks that make a text display other than it reads
 * (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), and lone surrogates, which would be stored as '?'.
 * Lengths count characters, not UTF-16 units. SQL-looking text is fine: every statement is parameterised.
 */
public final class Texts {
    private Texts() {
    }

    /**
     * {@code value} if it is acceptable text of at most {@code max} characters; null stays null; otherwise a 400
     * naming the field.
     */
    public static String check(String field, String value, int max, boolean multiline) {
        if (value == null) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw ApiProblem.invalid(field, field + " must be at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            boolean lineBreakOrTab = cp == '\n' || cp == '\r' || cp == '\t';
            if (Character.getType(cp) == Character.SURROGATE) {
                throw ApiProblem.invalid(field, field + " contains a lone surrogate (U+" + hex(cp)
                        + "): not valid Unicode text");
            }
            if (isUnsafe(cp) && !(multiline && lineBreakOrTab)) {
                throw ApiProblem.invalid(field, field + " must not contain the control character U+" + hex(cp)
                        + " (at position " + value.codePointCount(0, i) + ")"
                        + (lineBreakOrTab ? ": it is a single line of text" : ""));
            }
            i += Character.charCount(cp);
        }
        return value;
    }

    /** Whether the code point is a control character, a bidi control, or half of a broken surrogate pair. */
    public static boolean isUnsafe(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.SURROGATE
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0x200E || codePoint == 0x200F || codePoint == 0x061C;
    }

    /** The first unsafe code point of the text, or -1. */
    public static int firstUnsafe(String text) {
        return text == null ? -1 : text.codePoints().filter(Texts::isUnsafe).findFirst().orElse(-1);
    }

    /** The text with every unsafe code point written as {@code \\uXXXX}: safe to store and to show. */
    public static String printable(String text) {
        if (text == null || firstUnsafe(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (isUnsafe(cp)) {
                out.append("\\u").append(hex(cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** {@link #printable}, cut to at most {@code max} characters with an ellipsis. */
    public static String abbreviate(String text, int max) {
        String s = printable(text);
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static String hex(int cp) {
        return HexFormat.of().withUpperCase().toHexDigits((char) cp);
    }
}
