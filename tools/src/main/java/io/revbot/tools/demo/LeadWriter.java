package io.revbot.tools.demo;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.duckdb.DuckDBConnection;

/** Writes {@code lead_d}: the two planted leads, then inbound and outbound leads of every fit. */
final class LeadWriter {
    private final DemoWorld world;

    LeadWriter(DemoWorld world) {
        this.world = world;
    }

    static String leadId(int index) {
        return "00QDm%010d".formatted(index + 1);
    }

    void write(DuckDBConnection connection) throws SQLException {
        try (var rows = new TableAppender(connection, "lead_d")) {
            rows.row(
                    leadId(0),
                    PlantedStories.IDEAL_LEAD,
                    "maya.chen@streamforge.io",
                    "VP Data Engineering",
                    PlantedStories.IDEAL_LEAD_COMPANY,
                    "SaaS",
                    450,
                    85_000_000.0,
                    "US",
                    "Webinar",
                    "Working",
                    false,
                    world.asOf.minusDays(9).atTime(15, 40));
            world.calledLeads.add(new DemoWorld.Lead(
                    leadId(0),
                    PlantedStories.IDEAL_LEAD,
                    "maya.chen@streamforge.io",
                    "VP Data Engineering",
                    PlantedStories.IDEAL_LEAD_COMPANY,
                    world.asOf.minusDays(9).atTime(15, 40)));
            rows.row(
                    leadId(1),
                    PlantedStories.POOR_LEAD,
                    "tom@beckerfamilydental.com",
                    "Office Manager",
                    PlantedStories.POOR_LEAD_COMPANY,
                    "Healthcare",
                    8,
                    1_200_000.0,
                    "US",
                    "Website",
                    "New",
                    false,
                    world.asOf.minusDays(4).atTime(11, 5));
            Set<String> emails = new HashSet<>();
            int count = DemoDataGenerator.LEADS_PER_SCALE * world.scale;
            for (int i = 2; i < count + 2; i++) {
                SplittableRandom r = world.random("lead", i);
                String first = Vocabulary.pick(r, Vocabulary.FIRST_NAMES);
                String last = Vocabulary.pick(r, Vocabulary.LAST_NAMES);
                String company =
                        Vocabulary.pick(r, Vocabulary.NAME_STEMS) + " " + Vocabulary.pick(r, Vocabulary.NAME_SUFFIXES);
                if (PlantedStories.ACCOUNT_NAMES.contains(company)) {
                    company = company + " Inc";
                }
                String domain = Vocabulary.slug(company) + (r.nextBoolean() ? ".com" : ".io");
                String local = (first.charAt(0) + last).toLowerCase(Locale.ROOT);
                String email = local + "@" + domain;
                for (int n = 2; !emails.add(email); n++) {
                    email = local + n + "@" + domain;
                }
                boolean goodTitle = r.nextDouble() < 0.4;
                String title =
                        Vocabulary.pick(r, goodTitle ? Vocabulary.LEAD_TITLES_GOOD : Vocabulary.LEAD_TITLES_OTHER);
                int employees = (int) Math.max(2, Math.min(40_000, Math.exp(4.8 + 1.6 * r.nextGaussian())));
                double revenue = DemoWorld.round(employees * (80_000 + r.nextDouble() * 220_000), 100_000);
                var region = Vocabulary.REGIONS.get(Vocabulary.weighted(r, Vocabulary.REGION_WEIGHTS));
                LocalDateTime created = DemoWorld.officeHours(r, world.asOf.minusDays(1 + r.nextInt(365)));
                String status = Vocabulary.pick(r, Vocabulary.LEAD_STATUSES);
                if ((status.equals("Working") || status.equals("Qualified")) && r.nextDouble() < 0.3) {
                    world.calledLeads.add(
                            new DemoWorld.Lead(leadId(i), first + " " + last, email, title, company, created));
                }
                rows.row(
                        leadId(i),
                        first + " " + last,
                        email,
                        title,
                        company,
                        Vocabulary.pick(r, Vocabulary.LEAD_INDUSTRIES),
                        r.nextDouble() < 0.08 ? null : employees,
                        r.nextDouble() < 0.15 ? null : Math.max(100_000.0, revenue),
                        Vocabulary.pick(r, region.countries()),
                        Vocabulary.pick(r, Vocabulary.LEAD_SOURCES),
                        status,
                        r.nextDouble() < 0.03,
                        created);
            }
        }
    }
}
