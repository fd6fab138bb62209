package io.revbot.tools.calls;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolJson;
import io.revbot.tools.ToolObserver;
import io.revbot.tools.crm.Crm;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Call recordings for deal and account analysis: which calls happened, and what was said. */
public final class CallTools {
    private static final int MAX_CALLS = 50;
    private static final int MAX_TRANSCRIPT_CHARS = 60_000;

    private final Calls calls;
    private final Crm crm;
    private final Clock clock;

    public CallTools(Calls calls, Crm crm, Clock clock) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.crm = Objects.requireNonNull(crm, "crm");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Tool(
            name = "list_calls",
            value = {
                "Lists recorded sales calls, newest first, optionally only those of one account or one opportunity.",
                "Give an account or opportunity as an id or as a name (resolved through the CRM; ambiguous names are"
                        + " refused with the candidates). Dates are ISO (2026-01-31); default: the last 90 days.",
                "Returns JSON {calls: [{id, title, started, durationSeconds, host, participants, accountId, opportunityId,"
                        + " brief, keyPoints, nextSteps}], truncated?} (at most 50). truncated says what is missing"
                        + " and how to narrow the dates: tell the user. Use get_call_transcript for what was said."
            })
    public String listCalls(
            @P(value = "account id or name", required = false) String account,
            @P(value = "opportunity id or name", required = false) String opportunity,
            @P(value = "first day, ISO date (inclusive)", required = false) String fromDate,
            @P(value = "last day, ISO date (inclusive)", required = false) String toDate) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate to = date(toDate, "to_date").orElse(today);
        LocalDate from = date(fromDate, "from_date").orElse(to.minusDays(90));
        if (from.isAfter(to)) {
            throw new ToolException("from_date " + from + " is after to_date " + to);
        }
        Optional<String> accountId = blank(account) ? Optional.empty() : Optional.of(resolveAccount(account.strip()));
        Optional<String> opportunityId =
                blank(opportunity) ? Optional.empty() : Optional.of(resolveOpportunity(opportunity.strip()));
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Calls.Listing listing = calls.list(new Calls.Query(accountId, opportunityId, start, end, MAX_CALLS));
        List<Calls.Call> found = listing.calls();
        ToolObserver.current().fact("rows", found.size());
        listing.truncated().ifPresent(t -> ToolObserver.current().fact("truncated", true));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from);
        out.put("to", to);
        accountId.ifPresent(a -> out.put("accountId", a));
        opportunityId.ifPresent(o -> out.put("opportunityId", o));
        out.put("calls", found);
        listing.truncated().ifPresent(t -> out.put("truncated", t));
        return ToolJson.write(out);
    }

    @Tool(
            name = "get_call_transcript",
            value = {
                "Reads what was said on one call (id from list_calls): speaker names, seconds from the start, the words.",
                "Returns JSON {callId, title, started, utterances: [{speaker, email, startSecond, text}], truncated}."
            })
    public String getCallTranscript(@P("the call id from list_calls") String callId) {
        if (blank(callId)) {
            throw new ToolException("call_id must not be empty");
        }
        Calls.Transcript t = calls.transcript(callId.strip())
                .orElseThrow(
                        () -> new ToolException("no transcript for call " + callId + "; take ids from list_calls"));
        int chars = 0;
        int kept = 0;
        for (Calls.Utterance u : t.utterances()) {
            chars += u.text().length() + u.speaker().length() + 40;
            if (chars > MAX_TRANSCRIPT_CHARS) {
                break;
            }
            kept++;
        }
        boolean truncated = kept < t.utterances().size();
        ToolObserver.current().fact("rows", kept);
        ToolObserver.current().fact("truncated", truncated);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("callId", t.callId());
        out.put("title", t.title());
        out.put("started", t.started());
        out.put("utterances", t.utterances().subList(0, kept));
        out.put("truncated", truncated);
        return ToolJson.write(out);
    }

    private String resolveAccount(String text) {
        if (isId(Crm.RecordType.ACCOUNT, text)) {
            return text;
        }
        List<Crm.Account> matches = crm.findAccounts(text, 10);
        List<Crm.Account> exact =
                matches.stream().filter(a -> a.name().equalsIgnoreCase(text)).toList();
        List<Crm.Account> pick = exact.size() == 1 ? exact : matches;
        if (pick.size() == 1) {
            return pick.get(0).id();
        }
        if (pick.isEmpty()) {
            throw new ToolException("no account matches '" + text + "'");
        }
        throw new ToolException("'" + text + "' matches several accounts: "
                + pick.stream().map(a -> a.name() + " (" + a.id() + ")").toList() + "; pass the id");
    }

    private String resolveOpportunity(String text) {
        if (isId(Crm.RecordType.OPPORTUNITY, text)) {
            return text;
        }
        List<Crm.Opportunity> matches = crm.findOpportunities(text, 10);
        List<Crm.Opportunity> exact =
                matches.stream().filter(o -> o.name().equalsIgnoreCase(text)).toList();
        List<Crm.Opportunity> pick = exact.size() == 1 ? exact : matches;
        if (pick.size() == 1) {
            return pick.get(0).id();
        }
        if (pick.isEmpty()) {
            throw new ToolException("no opportunity matches '" + text + "'");
        }
        throw new ToolException("'" + text + "' matches several opportunities: "
                + pick.stream().map(o -> o.name() + " (" + o.id() + ")").toList() + "; pass the id");
    }

    private boolean isId(Crm.RecordType type, String text) {
        try {
            return crm.getRecord(type, text).isPresent();
        } catch (ToolException notAnId) {
            return false;
        }
    }

    private static Optional<LocalDate> date(String value, String name) {
        if (blank(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw new ToolException(name + " must be an ISO date like 2026-01-31, got '" + value + "'");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
