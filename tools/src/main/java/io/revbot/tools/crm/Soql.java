package io.revbot.tools.crm;

/**
 * SOQL string literals. Salesforce's rules: inside single quotes, backslash, both quotes and the control characters
 * {@code \n \r \t \b \f} are escaped with a backslash; in a {@code LIKE} pattern {@code %} and {@code _} are also
 * escaped so the user's text matches literally.
 */
final class Soql {
    private Soql() {}

    /** A quoted SOQL literal for {@code text}. */
    static String literal(String text) {
        return "'" + escape(text, false) + "'";
    }

    /** A quoted {@code LIKE} pattern matching {@code text} anywhere ({@code '%text%'}). */
    static String containsPattern(String text) {
        return "'%" + escape(text, true) + "%'";
    }

    private static String escape(String text, boolean like) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '%' -> b.append(like ? "\\%" : "%");
                case '_' -> b.append(like ? "\\_" : "_");
                default -> {
                    if (c < 0x20) {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
