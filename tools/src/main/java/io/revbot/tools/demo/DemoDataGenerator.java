package io.revbot.tools.demo;

import io.revbot.tools.demo.DemoWorld.Account;
import io.revbot.tools.demo.DemoWorld.AccountType;
import io.revbot.tools.demo.DemoWorld.Contact;
import io.revbot.tools.demo.DemoWorld.Employee;
import io.revbot.tools.demo.DemoWorld.UsageProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * Generates the demo warehouse deterministically: the same seed, scale and as-of date always give the same rows.
 * Every date is relative to the as-of date. Scale 1 is about 400 accounts; the planted stories of
 * {@link PlantedStories} exist at every scale.
 */
public final class DemoDataGenerator {
    /** Bumped whenever the generated data changes for the same seed, scale and as-of date. */
    public static final String GENERATOR_VERSION = "1";

    public static final long DEFAULT_SEED = 20_260_101L;

    static final int ACCOUNTS_PER_SCALE = 400;
    static final int LEADS_PER_SCALE = 320;

    private final int scale;
    private final LocalDate asOf;
    private final long seed;

    public DemoDataGenerator(int scale, LocalDate asOf, long seed) {
        if (scale < 1 || scale > 1000) {
            throw new IllegalArgumentException("scale must be between 1 and 1000, was " + scale);
        }
        this.scale = scale;
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.seed = seed;
    }

    public DemoDataGenerator(int scale, LocalDate asOf) {
        this(scale, asOf, DEFAULT_SEED);
    }

    /**
     * Writes a new DuckDB database file at {@code file}, replacing any earlier one atomically (it is built next to
     * it under a temporary name, so readers never see a half-written file).
     */
    public void writeDatabase(Path file) {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(
                absolute.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(absolute.getParent());
            Files.deleteIfExists(temporary);
            Files.deleteIfExists(Path.of(temporary + ".wal"));
            try (var connection =
                    (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:" + temporary, new Properties())) {
                generate(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CHECKPOINT");
                }
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo database " + absolute, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the demo database " + absolute + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
                Files.deleteIfExists(Path.of(temporary + ".wal"));
            } catch (IOException ignored) {
                // best effort: a leftover temporary file is harmless
            }
        }
    }

    /** Creates the schema's tables on {@code connection} (which must be empty) and fills them. */
    public void generate(DuckDBConnection connection) throws SQLException {
        createSchema(connection);
        DemoWorld world = new DemoWorld(seed, asOf, scale);
        employees(world);
        accounts(world);
        try (var employeeRows = new TableAppender(connection, "employee_d")) {
            for (Employee e : world.employees) {
                employeeRows.row(e.id(), e.firstName(), e.lastName(), e.email());
            }
        }
        writeContacts(connection, world);
        new LeadWriter(world).write(connection);
        new CustomerUsageWriter(world).write(connection);
        new OpportunityWriter(world).write(connection);
        writeAccounts(connection, world);
        new CallWriter(world).write(connection);
        try (var metadata = new TableAppender(connection, "demo_metadata")) {
            metadata.row("as_of_date", asOf.toString());
            metadata.row("scale", Integer.toString(scale));
            metadata.row("seed", Long.toString(seed));
            metadata.row("generator_version", GENERATOR_VERSION);
        }
    }

    static void createSchema(DuckDBConnection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : schemaStatements()) {
                statement.execute(ddl);
            }
        }
    }

    /** The CREATE TABLE statements of {@code schema.sql}, comments removed. */
    public static List<String> schemaStatements() {
        try (InputStream in = DemoDataGenerator.class.getResourceAsStream("schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("schema.sql is missing from the classpath");
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int comment = line.indexOf("--");
                sql.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
            }
            return java.util.Arrays.stream(sql.toString().split(";"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void employees(DemoWorld world) {
        int count = Math.max(30, 18 * world.scale + 12);
        Set<String> emails = new HashSet<>();
        for (int i = 0; i < count; i++) {
            SplittableRandom r = world.random("employee", i);
            String first = Vocabulary.pick(r, Vocabulary.FIRST_NAMES);
            String last = Vocabulary.pick(r, Vocabulary.LAST_NAMES);
            String email = uniqueEmail(emails, (first + "." + last).toLowerCase(java.util.Locale.ROOT), "firebolt.io");
            world.employees.add(new Employee("005Dm%010d".formatted(i + 1), first, last, email));
        }
    }

    private static String uniqueEmail(Set<String> used, String local, String domain) {
        String candidate = local + "@" + domain;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = local + n + "@" + domain;
        }
        return candidate;
    }

    /** The planted accounts first (fixed indices), then random ones up to 400 per scale unit. */
    private static void accounts(DemoWorld world) {
        Set<String> names = new HashSet<>(PlantedStories.ACCOUNT_NAMES);
        plant(world, "Northwind Logistics", AccountType.COMMIT, "Transportation & Logistics", "Freight", "Redshift");
        plant(world, "Helix Biotech", AccountType.COMMIT, "Healthcare", "Biotech", "Snowflake");
        plant(world, "Quanta Retail", AccountType.COMMIT, "Retail", "E-commerce", "BigQuery");
        plant(world, "Vertex Analytics", AccountType.PROSPECT, "Software", "SaaS", "Redshift");
        plant(world, "Lumen Labs", AccountType.PLG, "Software", "Developer Tools", "PostgreSQL");
        plant(world, "Brightpath AI", AccountType.PLG, "Software", "SaaS", "ClickHouse");
        plant(world, "Cobalt Data", AccountType.PLG, "Software", "Data Infrastructure", "Druid");
        plant(world, "Atlas Mobility", AccountType.COMMIT, "Transportation & Logistics", "Mobility", "Snowflake");
        plant(world, "Orion Health", AccountType.PROSPECT, "Healthcare", "Health Tech", "Snowflake");
        plant(world, "StreamForge", AccountType.PROSPECT, "Software", "SaaS", "ClickHouse");
        profile(world, "Northwind Logistics", UsageProfile.CLIFF, 0.05);
        profile(world, "Helix Biotech", UsageProfile.CLIFF, 0.07);
        profile(world, "Quanta Retail", UsageProfile.STOPPED, 0.0);
        for (String name : PlantedStories.READY_TO_CONVERT_ACCOUNTS) {
            profile(world, name, UsageProfile.READY_TO_CONVERT, 1.0);
        }
        profile(world, PlantedStories.RUNNING_HOT_ACCOUNT, UsageProfile.RUNNING_HOT, 1.0);

        int total = ACCOUNTS_PER_SCALE * world.scale;
        for (int i = world.accounts.size(); i < total; i++) {
            SplittableRandom r = world.random("account", i);
            String name =
                    Vocabulary.pick(r, Vocabulary.NAME_STEMS) + " " + Vocabulary.pick(r, Vocabulary.NAME_SUFFIXES);
            if (!names.add(name)) {
                name = name + " " + Vocabulary.pick(r, Vocabulary.COMPANY_ENDINGS);
                for (int n = 2; !names.add(name); n++) {
                    name = name.replaceAll(" \\d+$", "") + " " + n;
                }
            }
            double t = r.nextDouble();
            AccountType type = t < 0.30 ? AccountType.COMMIT : t < 0.62 ? AccountType.PLG : AccountType.PROSPECT;
            var industry = Vocabulary.INDUSTRIES.get(Vocabulary.weighted(r, Vocabulary.INDUSTRY_WEIGHTS));
            String incumbent = Vocabulary.pick(r, Vocabulary.INCUMBENT_WAREHOUSES);
            add(world, r, name, type, industry.name(), Vocabulary.pick(r, industry.subIndustries()), incumbent);
        }
    }

    private static void plant(
            DemoWorld world, String name, AccountType type, String industry, String subIndustry, String incumbent) {
        SplittableRandom r = world.random("account", world.accounts.size());
        add(world, r, name, type, industry, subIndustry, incumbent);
    }

    private static void profile(DemoWorld world, String name, UsageProfile profile, double level) {
        for (Account a : world.accounts) {
            if (a.name.equals(name)) {
                a.profile = profile;
                a.usageLevel = level;
                return;
            }
        }
        throw new IllegalStateException("no planted account " + name);
    }

    private static void add(
            DemoWorld world,
            SplittableRandom r,
            String name,
            AccountType type,
            String industry,
            String subIndustry,
            String incumbent) {
        int index = world.accounts.size();
        int ageDays = type == AccountType.PROSPECT ? 10 + r.nextInt(900) : 380 + r.nextInt(1400);
        boolean planted = PlantedStories.ACCOUNT_NAMES.contains(name);
        if (planted && type != AccountType.PROSPECT) {
            ageDays = 500 + r.nextInt(700);
        } else if (type != AccountType.PROSPECT && r.nextDouble() < 0.15) {
            ageDays = 60 + r.nextInt(300); // a newer customer: consumption starts mid-year
        }
        LocalDateTime created = DemoWorld.officeHours(r, world.asOf.minusDays(ageDays));
        String tld = List.of(".com", ".com", ".io", ".ai", ".co").get(r.nextInt(5));
        Employee owner = world.employees.get(r.nextInt(world.employees.size()));
        Account account = new Account(
                index,
                "001Dm%010d".formatted(index + 1),
                name,
                type,
                owner,
                Vocabulary.slug(name) + tld,
                industry,
                subIndustry,
                incumbent,
                created);
        if (type != AccountType.PROSPECT) {
            account.organizationId = "org_%07d".formatted(index + 1);
        }
        world.accounts.add(account);
        contacts(world, account);
    }

    private static void contacts(DemoWorld world, Account account) {
        SplittableRandom r = world.random("contacts", account.index);
        int count = 2 + r.nextInt(4);
        Set<String> emails = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String first = Vocabulary.pick(r, Vocabulary.FIRST_NAMES);
            String last = Vocabulary.pick(r, Vocabulary.LAST_NAMES);
            String title = switch (i) {
                case 0 -> Vocabulary.pick(r, Vocabulary.CHAMPION_TITLES);
                case 1 -> Vocabulary.pick(r, Vocabulary.BUYER_TITLES);
                default -> Vocabulary.pick(r, Vocabulary.OTHER_TITLES);
            };
            String email = uniqueEmail(emails, (first + "." + last).toLowerCase(java.util.Locale.ROOT), account.domain);
            boolean deleted = i > 1 && r.nextDouble() < 0.06;
            String id = "003Dm%06d%04d".formatted(account.index + 1, i + 1);
            account.contacts.add(new Contact(id, first + " " + last, email, title, deleted));
        }
    }

    private static void writeContacts(DuckDBConnection connection, DemoWorld world) throws SQLException {
        try (var rows = new TableAppender(connection, "contact_d")) {
            for (Account a : world.accounts) {
                SplittableRandom r = world.random("contact-dates", a.index);
                for (Contact c : a.contacts) {
                    LocalDateTime created = a.createdAt.plusDays(r.nextInt(60)).plusMinutes(r.nextInt(600));
                    if (created.toLocalDate().isAfter(world.asOf)) {
                        created = a.createdAt;
                    }
                    rows.row(c.id(), c.name(), c.email(), c.title(), a.id, c.deleted(), created);
                }
            }
        }
    }

    private static void writeAccounts(DuckDBConnection connection, DemoWorld world) throws SQLException {
        try (var rows = new TableAppender(connection, "salesforce_account_d")) {
            for (Account a : world.accounts) {
                SplittableRandom r = world.random("account-detail", a.index);
                var region = Vocabulary.REGIONS.get(Vocabulary.weighted(r, Vocabulary.REGION_WEIGHTS));
                int employees = (int) Math.max(10, Math.min(60_000, Math.exp(5.6 + 1.3 * r.nextGaussian())));
                if (a.name.equals(PlantedStories.IDEAL_LEAD_COMPANY)) {
                    region = Vocabulary.REGIONS.get(0);
                    employees = 450;
                }
                double revenue = DemoWorld.round(employees * (120_000 + r.nextDouble() * 230_000), 100_000);
                double potential = DemoWorld.round(Math.pow(employees, 0.8) * (250 + r.nextDouble() * 400), 1_000);
                String stack = techStack(r, a);
                String useCase = a.name.equals(PlantedStories.IDEAL_LEAD_COMPANY)
                        ? "Real-time analytics"
                        : Vocabulary.pick(r, Vocabulary.USE_CASES);
                rows.row(
                        a.id,
                        a.name,
                        a.organizationId,
                        a.type.label,
                        region.name(),
                        Vocabulary.pick(r, region.countries()),
                        a.industry,
                        a.subIndustry,
                        a.owner.id(),
                        a.openOpportunities,
                        potential,
                        a.domain,
                        employees,
                        revenue,
                        stack,
                        useCase,
                        a.createdAt);
            }
        }
    }

    private static String techStack(SplittableRandom r, Account a) {
        String cloud = a.name.equals(PlantedStories.IDEAL_LEAD_COMPANY) ? "AWS" : Vocabulary.pick(r, Vocabulary.CLOUDS);
        StringBuilder stack = new StringBuilder(cloud).append(", ").append(a.incumbent);
        int tools = 1 + r.nextInt(3);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tools; i++) {
            String tool = Vocabulary.pick(r, Vocabulary.STACK_TOOLS);
            if (seen.add(tool)) {
                stack.append(", ").append(tool);
            }
        }
        return stack.toString();
    }
}
