package io.revbot.tools.warehouse;

/**
 * Rewrites JDBC-style {@code ?} placeholders to numbered ones ({@code $1, $2, …}) for warehouses with server-side
 * positional parameters. A small scanner: question marks inside string literals, quoted identifiers and comments
 * are left alone.
 */
final class Placeholders {
    private Placeholders() {}

    record Numbered(String sql, int count) {}

    static Numbered number(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int count = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < n) {
                    if (sql.charAt(end) == c) {
                        if (end + 1 < n && sql.charAt(end + 1) == c) {
                            end += 2; // doubled quote inside the literal
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, n);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == '?') {
                out.append('$').append(++count);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return new Numbered(out.toString(), count);
    }
}
