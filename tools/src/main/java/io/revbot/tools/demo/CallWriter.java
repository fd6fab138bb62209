package io.revbot.tools.demo;

import io.revbot.tools.demo.CallScript.Kind;
import io.revbot.tools.demo.CallScript.Speaker;
import io.revbot.tools.demo.DemoWorld.Account;
import io.revbot.tools.demo.DemoWorld.AccountType;
import io.revbot.tools.demo.DemoWorld.Contact;
import io.revbot.tools.demo.DemoWorld.Employee;
import io.revbot.tools.demo.DemoWorld.Lead;
import io.revbot.tools.demo.DemoWorld.Opportunity;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.duckdb.DuckDBConnection;

/**
 * Writes {@code gong_call_f} and the demo-only {@code transcript}: calls on deals (the kind follows the deal's stage
 * at the time of the call), quarterly reviews with customers and intro calls with leads, all within the year before
 * as-of. The Vertex deal's calls are discovery only without its economic buyer; Orion's recent calls carry
 * Snowflake and Databricks price quotes.
 */
final class CallWriter {
    private static final List<String> SYSTEMS = List.of("Zoom", "Zoom", "Zoom", "Google Meet", "Microsoft Teams");

    private final DemoWorld world;
    private final LocalDateTime windowStart;
    private final LocalDateTime latest;
    private TableAppender calls;
    private TableAppender transcript;
    private long number;

    CallWriter(DemoWorld world) {
        this.world = world;
        this.windowStart = world.asOf.minusDays(365).atStartOfDay();
        this.latest = world.asOf.minusDays(1).atTime(18, 0);
    }

    void write(DuckDBConnection connection) throws SQLException {
        try (var callRows = new TableAppender(connection, "gong_call_f");
                var transcriptRows = new TableAppender(connection, "transcript")) {
            this.calls = callRows;
            this.transcript = transcriptRows;
            for (Opportunity o : world.opportunities) {
                dealCalls(o);
            }
            for (Account a : world.accounts) {
                checkIns(a);
            }
            for (Lead lead : world.calledLeads) {
                introCall(lead);
            }
        }
    }

    private void dealCalls(Opportunity o) throws SQLException {
        SplittableRandom r = world.random("calls", Long.parseLong(o.id.substring(5)));
        LocalDateTime from = o.createdAt().plusDays(2);
        LocalDateTime to = o.closed() ? o.currentStageStart() : latest;
        if (o.competitivePricing) {
            call(o, r, Kind.DISCOVERY, o.createdAt().plusDays(10), List.of(), false);
            for (int daysAgo : new int[] {26, 15, 4}) {
                call(o, r, Kind.TECHNICAL, world.asOf.minusDays(daysAgo).atTime(16, 0), o.competitors, true);
            }
            return;
        }
        int stage = o.path.size();
        int count = o.discoveryOnly ? 4 : Math.max(1, Math.min(5, stage / 2 + r.nextInt(3) - (o.closed() ? 1 : 0)));
        long span = Math.max(1, ChronoUnit.HOURS.between(from, to));
        for (int i = 0; i < count; i++) {
            LocalDateTime when = from.plusHours(span * (i + 1) / (count + 1))
                    .withHour(9 + r.nextInt(9))
                    .withMinute(r.nextBoolean() ? 0 : 30);
            if (when.isBefore(windowStart) || when.isAfter(latest)) {
                continue;
            }
            Kind kind = o.discoveryOnly ? Kind.DISCOVERY : kindFor(o.stageAt(when));
            List<String> competitors = !o.discoveryOnly && r.nextDouble() < 0.6 ? o.competitors : List.of();
            boolean quotes = kind == Kind.PROPOSAL || kind == Kind.NEGOTIATION;
            call(o, r, kind, when, competitors, quotes);
        }
    }

    private static Kind kindFor(String stage) {
        return switch (stage) {
            case "Opportunity Created", "Discover", "Open", "Qualification" -> Kind.DISCOVERY;
            case "Proof of Concept" -> Kind.TECHNICAL;
            case "Propose" -> Kind.PROPOSAL;
            default -> Kind.NEGOTIATION;
        };
    }

    private void call(
            Opportunity o, SplittableRandom r, Kind kind, LocalDateTime when, List<String> competitors, boolean quotes)
            throws SQLException {
        Account a = o.account;
        Contact champion = a.champion();
        Contact buyer = a.economicBuyer();
        boolean buyerAttends =
                !o.discoveryOnly && (kind == Kind.PROPOSAL || kind == Kind.NEGOTIATION) && r.nextDouble() < 0.6;
        Employee engineer = kind == Kind.TECHNICAL || r.nextDouble() < 0.3 ? engineerFor(r, o.owner) : null;
        List<Speaker> others = new ArrayList<>();
        for (int i = 2; i < a.contacts.size() && others.size() < 2; i++) {
            if (!a.contacts.get(i).deleted() && r.nextDouble() < 0.5) {
                others.add(speaker(a.contacts.get(i)));
            }
        }
        CallScript script = CallScript.write(
                r,
                kind,
                a.name,
                a.incumbent,
                o.name,
                speaker(o.owner),
                engineer == null ? null : speaker(engineer),
                speaker(champion),
                buyerAttends ? speaker(buyer) : null,
                buyer.title(),
                others,
                competitors,
                quotes,
                o.amount / o.months * 12,
                o.discoveryOnly);
        List<Speaker> participants = new ArrayList<>();
        participants.add(speaker(o.owner));
        if (engineer != null) {
            participants.add(speaker(engineer));
        }
        participants.add(speaker(champion));
        if (buyerAttends) {
            participants.add(speaker(buyer));
        }
        participants.addAll(others);
        boolean planted = o.discoveryOnly || o.competitivePricing;
        writeCall(r, kind, a.name, a.id, o.id, champion.id(), null, o.owner, when, participants, script, planted);
    }

    private void checkIns(Account a) throws SQLException {
        if (!a.customer()) {
            return;
        }
        SplittableRandom r = world.random("check-ins", a.index);
        int count = a.type == AccountType.COMMIT
                ? (r.nextDouble() < 0.5 ? 1 + r.nextInt(3) : 0)
                : (r.nextDouble() < 0.15 ? 1 : 0);
        for (int i = 0; i < count; i++) {
            LocalDateTime when = DemoWorld.officeHours(r, world.asOf.minusDays(5 + r.nextInt(350)));
            List<Speaker> others = new ArrayList<>();
            if (a.contacts.size() > 2 && !a.contacts.get(2).deleted()) {
                others.add(speaker(a.contacts.get(2)));
            }
            CallScript script = CallScript.write(
                    r,
                    Kind.CHECK_IN,
                    a.name,
                    a.incumbent,
                    null,
                    speaker(a.owner),
                    null,
                    speaker(a.champion()),
                    null,
                    a.economicBuyer().title(),
                    others,
                    List.of(),
                    false,
                    0,
                    false);
            List<Speaker> participants = new ArrayList<>(List.of(speaker(a.owner), speaker(a.champion())));
            participants.addAll(others);
            writeCall(
                    r,
                    Kind.CHECK_IN,
                    a.name,
                    a.id,
                    null,
                    a.champion().id(),
                    null,
                    a.owner,
                    when,
                    participants,
                    script,
                    false);
        }
    }

    private void introCall(Lead lead) throws SQLException {
        SplittableRandom r = world.random("intro", Long.parseLong(lead.id().substring(5)));
        Employee rep = world.employees.get(r.nextInt(world.employees.size()));
        LocalDateTime when =
                DemoWorld.officeHours(r, lead.createdAt().toLocalDate().plusDays(2));
        if (when.isAfter(latest)) {
            when = latest.minusHours(3);
        }
        boolean ideal = lead.name().equals(PlantedStories.IDEAL_LEAD);
        Speaker guest = new Speaker(lead.name(), lead.email());
        CallScript script = CallScript.write(
                r,
                Kind.INTRO,
                lead.company(),
                ideal ? "ClickHouse" : "PostgreSQL",
                null,
                speaker(rep),
                null,
                guest,
                null,
                ideal ? "CTO" : "manager",
                List.of(),
                List.of(),
                false,
                0,
                false);
        if (ideal) {
            script.keyPoints.add(
                    "Real-time analytics on AWS: streaming events from Kafka into customer-facing dashboards");
            script.keyPoints.add("Team: 450 employees, data platform team of 12 reporting to Maya");
            script.brief = "Intro call with StreamForge (SaaS, 450 employees, on AWS): Maya Chen, VP Data Engineering,"
                    + " wants real-time analytics for customer-facing dashboards.";
        }
        writeCall(
                r,
                Kind.INTRO,
                lead.company(),
                null,
                null,
                null,
                lead.id(),
                rep,
                when,
                List.of(speaker(rep), guest),
                script,
                ideal);
    }

    private Employee engineerFor(SplittableRandom r, Employee owner) {
        Employee e = world.employees.get(r.nextInt(world.employees.size()));
        return e.equals(owner) ? null : e;
    }

    private static Speaker speaker(Contact c) {
        return new Speaker(c.name(), c.email());
    }

    private static Speaker speaker(Employee e) {
        return new Speaker(e.name(), e.email());
    }

    private void writeCall(
            SplittableRandom r,
            Kind kind,
            String accountName,
            String accountId,
            String opportunityId,
            String contactId,
            String leadId,
            Employee host,
            LocalDateTime start,
            List<Speaker> participants,
            CallScript script,
            boolean planted)
            throws SQLException {
        String id = Long.toString(7_300_000_000_000_000_000L + (++number) * 7_919L);
        int duration = 60 * (20 + r.nextInt(36));
        double d = r.nextDouble();
        String direction = d < 0.8 ? "Conference" : d < 0.95 ? "Outbound" : "Inbound";
        String emails = String.join(
                ", ", participants.stream().map(Speaker::email).distinct().toList());
        calls.row(
                id,
                accountName + " | " + kind.label,
                accountName + " <> Firebolt - " + kind.label,
                host.id(),
                !planted && r.nextDouble() < 0.01,
                start,
                start.plusSeconds(duration),
                duration,
                direction,
                Vocabulary.pick(r, SYSTEMS),
                emails,
                accountId,
                opportunityId,
                contactId,
                leadId,
                script.brief,
                script.keyPointsText(),
                script.nextSteps);
        int second = 5 + r.nextInt(20);
        int step = Math.max(20, duration / (script.utterances.size() + 1));
        for (CallScript.Utterance u : script.utterances) {
            transcript.row(id, u.speaker().name(), u.speaker().email(), second, u.text());
            second += step / 2 + r.nextInt(step);
        }
    }
}
