package org.fundflow.disbursement.payment;

/**
 * Text from outside (request fields, imported cells, file names) on its way into the database, a message or a log.
 * PostgreSQL cannot store NUL in text, control characters have no business in a payee or a reason, and bidirectional
 * overrides (U+202E…) make a stored name read differently from what it is.
 */
public final class Texts {
    private Texts() {
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
                out.append(String.format("\\u%04X", cp));
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
}
