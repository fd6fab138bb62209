package io.revbot.tools.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SQL lexer for the guard: splits a statement into words, quoted identifiers, string literals and
 * punctuation, and refuses what it cannot read unambiguously across dialects (comments, {@code E'…'} escape
 * strings, dollar quoting, unterminated literals, control characters). Hand-written so that what it sees as a
 * string literal is exactly what DuckDB, PostgreSQL and Firebolt see.
 */
final class SqlTokens {
    enum Kind {
        WORD,
        QUOTED_IDENTIFIER,
        STRING,
        NUMBER,
        SYMBOL
    }

    record Token(Kind kind, String text) {
        /** Upper-cased word or unquoted identifier text, for comparisons. */
        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqlTokens() {}

    /** @throws SqlRefusedException when the text holds something the guard will not interpret */
    static List<Token> of(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-'
                    || c == '/' && i + 1 < n && sql.charAt(i + 1) == '*'
                    || c == '#') {
                throw new SqlRefusedException("comments are not allowed; send the query without them");
            }
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isISOControl(c) || c == '\\' || c == '`') {
                throw new SqlRefusedException("unexpected character U+%04X at position %d".formatted((int) c, i));
            } else if (c == '\'') {
                if (i > 0
                        && (Character.isLetterOrDigit(sql.charAt(i - 1))
                                || sql.charAt(i - 1) == '_'
                                || sql.charAt(i - 1) == '&')) {
                    throw new SqlRefusedException("prefixed string literals (E'…', U&'…') are not allowed");
                }
                int end = closing(sql, i, '\'');
                tokens.add(new Token(Kind.STRING, sql.substring(i + 1, end).replace("''", "'")));
                i = end + 1;
            } else if (c == '"') {
                int end = closing(sql, i, '"');
                String identifier = sql.substring(i + 1, end).replace("\"\"", "\"");
                for (char forbidden : new char[] {'.', '/', ':', '\\', '"', '~'}) {
                    if (identifier.indexOf(forbidden) >= 0) {
                        // DuckDB reads "data.parquet" or "/tmp/x.csv" in FROM as a file; parsers disagree on them
                        throw new SqlRefusedException(
                                "quoted names may not contain '" + forbidden + "': " + identifier);
                    }
                }
                tokens.add(new Token(Kind.QUOTED_IDENTIFIER, identifier));
                i = end + 1;
            } else if (c == '$') {
                throw new SqlRefusedException("dollar-quoted strings and $ parameters are not allowed");
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(start, i)));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n
                        && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.' || sql.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, sql.substring(start, i)));
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    /** Index of the quote that closes the literal opened at {@code start}; doubled quotes are escapes. */
    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            if (sql.charAt(i) == '\0') {
                break;
            }
            i++;
        }
        throw new SqlRefusedException("unterminated " + (quote == '\'' ? "string literal" : "quoted identifier"));
    }
}
