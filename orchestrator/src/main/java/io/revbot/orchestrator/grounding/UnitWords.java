package io.revbot.orchestrator.grounding;

/**
 * The words that may stand next to a number and change what it means: scales ({@code K}, {@code M}, {@code bn},
 * {@code million}, German {@code Mio.}, {@code Mrd.}), percent words, currency codes, ordinals. Compared in place on
 * the scanned characters, without making strings: they are asked about after most numbers of every tool result.
 */
final class UnitWords {
    private static final String[] THOUSANDS = {"thousand", "thousands", "tsd"};
    private static final String[] MILLIONS = {"million", "millions", "mio", "mn", "mm"};
    private static final String[] BILLIONS = {"billion", "billions", "mrd", "bn"};
    private static final String[] PERCENT = {"percent", "pct", "pp", "ppt"};
    private static final String[] PERCENT_SPACED = {"Prozent", "pourcent"};
    private static final String[] ORDINALS = {"st", "nd", "rd", "th"};
    private static final String[] CURRENCIES = {
        "USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR", "SEK", "NOK", "DKK"
    };

    private UnitWords() {}

    static int wordEnd(char[] s, int k) {
        int w = k;
        while (w < s.length && Character.isLetter(s[w])) {
            w++;
        }
        return w;
    }

    /**
     * The factor of the scale word at {@code [k, w)}, or 0. Glued single letters are case-sensitive ({@code 5m} is five
     * minutes unless a currency makes it money); spelled-out words are not, and may follow a space.
     */
    static double scale(char[] s, int k, int w, boolean spaced, boolean currency) {
        if (!spaced) {
            if (any(s, k, w, "k", "K")) {
                return 1e3;
            }
            if (any(s, k, w, "M", "MM", "Mn", "mn") || (currency && any(s, k, w, "m", "mm"))) {
                return 1e6;
            }
            if (any(s, k, w, "B", "bn", "Bn", "BN") || (currency && is(s, k, w, "b"))) {
                return 1e9;
            }
        }
        if (anyIgnoringCase(s, k, w, THOUSANDS) || (spaced && currency && anyIgnoringCase(s, k, w, "k"))) {
            return 1e3;
        }
        if (anyIgnoringCase(s, k, w, MILLIONS)) {
            return 1e6;
        }
        if (anyIgnoringCase(s, k, w, BILLIONS)) {
            return 1e9;
        }
        return anyIgnoringCase(s, k, w, "trillion") ? 1e12 : 0;
    }

    static boolean percent(char[] s, int k, int w, boolean spaced) {
        return any(s, k, w, PERCENT) || (spaced && any(s, k, w, PERCENT_SPACED));
    }

    static boolean ordinal(char[] s, int k, int w) {
        return any(s, k, w, ORDINALS);
    }

    static boolean currencyCode(char[] s, int k, int w) {
        return w - k == 3 && any(s, k, w, CURRENCIES);
    }

    /** A currency code as a word ending at {@code p} (inclusive). */
    static boolean currencyCodeEndsAt(char[] s, int p) {
        return p >= 2 && (p < 3 || !Character.isLetter(s[p - 3])) && currencyCode(s, p - 2, p + 1);
    }

    private static boolean any(char[] s, int k, int w, String... words) {
        for (String word : words) {
            if (is(s, k, w, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyIgnoringCase(char[] s, int k, int w, String... words) {
        for (String word : words) {
            if (w - k == word.length() && matchesIgnoringCase(s, k, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean is(char[] s, int k, int w, String word) {
        if (w - k != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (s[k + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesIgnoringCase(char[] s, int k, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            if (Character.toLowerCase(s[k + i]) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
