package io.revbot.tools.analytics;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** Focused CRM and call rows for deal-review tests: one deal on discovery-only calls, one well evidenced. */
final class DealFixtures {
    static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    private DealFixtures() {}

    static SchemaDatabase load(SchemaDatabase db) {
        db.exec("insert into employee_d values ('U1', 'Alex', 'Morgan', 'alex@revbot.example')");
        account(db, "A1", "Acme Corp", "acme.example");
        account(db, "A2", "Beta Co", "beta.example");
        contact(db, "C1", "Dana Whitfield", "dana@acme.example", "CFO", "A1");
        contact(db, "C2", "Raj Patel", "raj@acme.example", "Data Engineering Manager", "A1");
        contact(db, "C3", "Kim Lee", "kim@beta.example", "VP Finance", "B2");
        contact(db, "C4", "Sam Ortiz", "sam@beta.example", "Head of Data", "A2");
        db.exec("update contact_d set sf_account_id = 'A2' where contact_id = 'C3'");
        // Acme: Negotiate at 75 %, CRM fields optimistic, calls only discovery, CFO never joins.
        opportunity(
                db,
                "O1",
                "Acme Corp - Platform Migration",
                "A1",
                "Negotiate",
                75,
                480_000,
                36,
                TODAY.plusDays(20),
                "Green",
                "Green",
                "Green",
                "Green",
                "Green",
                "Green",
                "Green",
                "Yellow");
        stage(db, "O1", "Propose", "Negotiate", TODAY.minusDays(40));
        call(
                db,
                "G1",
                "O1",
                "A1",
                TODAY.minusDays(60),
                "alex@revbot.example, raj@acme.example",
                "Discovery call: current stack is Redshift, dashboards are slow and the team struggles with timeouts.",
                "Pain: slow dashboards. No pricing discussed.",
                "Send architecture overview.");
        call(
                db,
                "G2",
                "O1",
                "A1",
                TODAY.minusDays(30),
                "alex@revbot.example, raj@acme.example",
                "Follow-up discovery on the current setup and data volumes; bottleneck on concurrency.",
                "No paper process yet. Economic buyer not involved.",
                "Schedule a deeper technical session.");
        transcript(
                db,
                "G2",
                "Raj Patel",
                "raj@acme.example",
                10,
                "Our dashboards time out every Monday, it is a real problem.");
        transcript(db, "G2", "Alex Morgan", "alex@revbot.example", 40, "Who signs off on a purchase like this?");
        transcript(db, "G2", "Raj Patel", "raj@acme.example", 55, "We have not talked to procurement at all.");
        // Beta: Negotiate at 75 %, well evidenced on calls.
        opportunity(
                db,
                "O2",
                "Beta Co - Realtime Analytics",
                "A2",
                "Negotiate",
                75,
                300_000,
                12,
                TODAY.plusDays(10),
                "Green",
                "Green",
                "Green",
                "Green",
                "Green",
                "Green",
                "Yellow",
                "Green");
        stage(db, "O2", "Propose", "Negotiate", TODAY.minusDays(10));
        call(
                db,
                "G3",
                "O2",
                "A2",
                TODAY.minusDays(50),
                "alex@revbot.example, sam@beta.example",
                "Discovery: pain is slow customer-facing dashboards; success criteria agreed: p95 under 1 s.",
                "Pain confirmed. Decision criteria: latency and cost. ROI case: cost savings of 30 %.",
                "Start proof of concept.");
        call(
                db,
                "G4",
                "O2",
                "A2",
                TODAY.minusDays(35),
                "alex@revbot.example, sam@beta.example",
                "Proof of concept review: benchmark results beat Snowflake on concurrency.",
                "Test results accepted; requirements met. Business case with cost savings agreed.",
                "Send proposal.");
        call(
                db,
                "G5",
                "O2",
                "A2",
                TODAY.minusDays(20),
                "alex@revbot.example, sam@beta.example, kim@beta.example",
                "Pricing review with the VP Finance; proposal accepted in principle; approval by the steering committee.",
                "Pricing agreed. Decision process: steering committee sign-off next week.",
                "Start legal review.");
        call(
                db,
                "G6",
                "O2",
                "A2",
                TODAY.minusDays(5),
                "alex@revbot.example, sam@beta.example, kim@beta.example",
                "Legal review of the MSA and security review under way; order form drafted; decision process confirmed.",
                "Procurement engaged; redlines on the MSA. Snowflake still the alternative.",
                "Return redlines.");
        // A second Acme deal to make "Acme" ambiguous.
        opportunity(
                db,
                "O3",
                "Acme Corp - Expansion",
                "A1",
                "Discover",
                10,
                50_000,
                12,
                TODAY.plusDays(90),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        return db;
    }

    static void account(SchemaDatabase db, String id, String name, String domain) {
        db.exec(
                "insert into salesforce_account_d (sf_account_id, sf_account_name, account_region, sf_owner_id,"
                        + " sf_company_domain) values (?, ?, 'NA', 'U1', ?)",
                id,
                name,
                domain);
    }

    static void contact(SchemaDatabase db, String id, String name, String email, String title, String account) {
        db.exec(
                "insert into contact_d values (?, ?, ?, ?, ?, false, ?)",
                id,
                name,
                email,
                title,
                account,
                TODAY.minusDays(200).atStartOfDay());
    }

    static void opportunity(
            SchemaDatabase db,
            String id,
            String name,
            String account,
            String stage,
            int probability,
            double amount,
            int months,
            LocalDate close,
            String metrics,
            String eb,
            String pain,
            String champion,
            String criteria,
            String process,
            String paper,
            String competition) {
        db.exec(
                "insert into opportunity_d (opportunity_id, opportunity_name, opportunity_type, sf_account_id,"
                        + " stage_name, amount, contract_duration_months, probability, close_date, created_at_ts, owner_id,"
                        + " next_step, metrics, metrics_status, economic_buyer, economic_buyer_status, identify_pain,"
                        + " identify_pain_status, champion, champion_status, decision_criteria, decision_criteria_status,"
                        + " decision_making_process, decision_making_process_status, paper_process, paper_process_status,"
                        + " competition, competition_status, competitors)"
                        + " values (?, ?, 'New Business', ?, ?, ?, ?, ?, ?, ?, 'U1', 'Follow up', "
                        + " 'Cut dashboard latency', ?, 'Dana Whitfield (CFO)', ?, 'Slow dashboards', ?, 'Raj Patel', ?,"
                        + " 'Latency and cost', ?, 'CFO signs', ?, 'Standard MSA', ?, 'Redshift incumbent', ?, 'Snowflake')",
                id,
                name,
                account,
                stage,
                amount,
                months,
                probability,
                close,
                TODAY.minusDays(120).atStartOfDay(),
                metrics,
                eb,
                pain,
                champion,
                criteria,
                process,
                paper,
                competition);
        if (!"A1".equals(account)) {
            db.exec(
                    "update opportunity_d set economic_buyer = 'Kim Lee (VP Finance)', champion = 'Sam Ortiz'"
                            + " where opportunity_id = ?",
                    id);
        }
    }

    static void stage(SchemaDatabase db, String opp, String from, String to, LocalDate started) {
        db.exec(
                "insert into opportunity_stage_f values (?, ?, ?, ?, ?, null, true)",
                opp,
                from,
                to,
                (int) java.time.temporal.ChronoUnit.DAYS.between(started, TODAY),
                started.atStartOfDay());
    }

    static void call(
            SchemaDatabase db,
            String id,
            String opp,
            String account,
            LocalDate day,
            String emails,
            String brief,
            String keyPoints,
            String nextSteps) {
        LocalDateTime start = day.atTime(15, 0);
        db.exec(
                "insert into gong_call_f (gong_call_id, gong_call_name, gong_title, sf_owner_id, is_deleted,"
                        + " gong_call_start_ts, gong_call_end_ts, gong_call_duration, gong_participants_emails,"
                        + " gong_primary_account, gong_related_opportunity, gong_call_brief, gong_call_key_points,"
                        + " gong__call_highlights_next_steps) values (?, ?, ?, 'U1', false, ?, ?, 1800, ?, ?, ?, ?, ?, ?)",
                id,
                "Call " + id,
                "Call " + id,
                start,
                start.plusMinutes(30),
                emails,
                account,
                opp,
                brief,
                keyPoints,
                nextSteps);
    }

    static void transcript(SchemaDatabase db, String call, String speaker, String email, int second, String text) {
        db.exec("insert into transcript values (?, ?, ?, ?, ?)", call, speaker, email, second, text);
    }
}
