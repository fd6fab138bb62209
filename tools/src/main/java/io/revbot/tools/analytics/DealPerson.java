package io.revbot.tools.analytics;

import java.util.List;
import java.util.Locale;

/**
 * A person on a deal: a contact at the account, one of our people, or someone the CRM names as economic buyer or
 * champion. Name or email may be null.
 */
record DealPerson(String name, String email, String title) {
    private static final List<String> EXECUTIVE_TITLES =
            List.of("chief", "ceo", "cfo", "cto", "cio", "coo", "cdo", "vp", "vice president", "president", "head of");

    /** Finds the contact whose name appears in a CRM text such as "Dana Whitfield (CFO)". */
    static DealPerson resolve(String crmText, List<DealPerson> contacts, List<CallFacts> calls) {
        if (crmText == null || crmText.isBlank()) {
            return null;
        }
        String lower = crmText.toLowerCase(Locale.ROOT);
        for (DealPerson c : contacts) {
            if (c.name() != null && lower.contains(c.name().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        for (CallFacts call : calls) {
            for (String speaker : call.speakerNames()) {
                if (!speaker.isBlank() && lower.contains(speaker)) {
                    return new DealPerson(speaker, null, null);
                }
            }
        }
        return new DealPerson(crmText.trim(), null, null);
    }

    boolean attended(CallFacts call) {
        if (email != null && call.participantEmails().contains(email)) {
            return true;
        }
        return name != null && call.speakerNames().contains(name.toLowerCase(Locale.ROOT));
    }

    boolean executive() {
        if (title == null) {
            return false;
        }
        String t = " " + title.toLowerCase(Locale.ROOT) + " ";
        return EXECUTIVE_TITLES.stream().anyMatch(x -> CallEvidence.firstPhrase(t, List.of(x)) >= 0);
    }
}
