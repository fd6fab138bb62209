package io.revbot.tools.demo;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The in-memory skeleton of a generated data set (people, accounts, deals) that the table writers share. The large
 * fact tables (consumption, transcripts) are streamed to DuckDB and never held here.
 */
final class DemoWorld {
    final long seed;
    final LocalDate asOf;
    final int scale;
    final List<Employee> employees = new ArrayList<>();
    final List<Account> accounts = new ArrayList<>();
    final List<Opportunity> opportunities = new ArrayList<>();
    /** Leads an SDR has had an intro call with. */
    final List<Lead> calledLeads = new ArrayList<>();

    DemoWorld(long seed, LocalDate asOf, int scale) {
        this.seed = seed;
        this.asOf = asOf;
        this.scale = scale;
    }

    /** A random stream of its own for each (purpose, entity), so one table's changes never shift another's. */
    SplittableRandom random(String purpose, long index) {
        long h = seed ^ 0x9E3779B97F4A7C15L * (purpose.hashCode() + 31L * index + 1);
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(h ^ (h >>> 31));
    }

    /** A time on {@code date} during office hours, minutes rounded to five. */
    static LocalDateTime officeHours(SplittableRandom random, LocalDate date) {
        return date.atTime(8 + random.nextInt(10), 5 * random.nextInt(12));
    }

    static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    static double round(double value, double unit) {
        return Math.round(value / unit) * unit;
    }

    enum AccountType {
        COMMIT("Commit Customer"),
        PLG("PLG Customer"),
        PROSPECT(null);

        final String label;

        AccountType(String label) {
            this.label = label;
        }
    }

    /** How an account's consumption behaves over the year. */
    enum UsageProfile {
        NORMAL,
        CLIFF,
        STOPPED,
        READY_TO_CONVERT,
        RUNNING_HOT
    }

    record Employee(String id, String firstName, String lastName, String email) {
        String name() {
            return firstName + " " + lastName;
        }
    }

    record Lead(String id, String name, String email, String title, String company, LocalDateTime createdAt) {}

    record Contact(String id, String name, String email, String title, boolean deleted) {
        String firstName() {
            return name.substring(0, name.indexOf(' '));
        }
    }

    static final class Account {
        final int index;
        final String id;
        final String name;
        final AccountType type;
        final Employee owner;
        final String domain;
        final String industry;
        final String subIndustry;
        final String incumbent;
        final LocalDateTime createdAt;
        UsageProfile profile = UsageProfile.NORMAL;
        double usageLevel = 1.0; // CLIFF: the share of normal usage left in the last 30 days
        String organizationId;
        double annualCommit; // commit customers: the ACV of the active agreement
        LocalDate agreementStart;
        LocalDate agreementEnd;
        int agreementMonths;
        final List<Contact> contacts = new ArrayList<>();
        int openOpportunities;

        Account(
                int index,
                String id,
                String name,
                AccountType type,
                Employee owner,
                String domain,
                String industry,
                String subIndustry,
                String incumbent,
                LocalDateTime createdAt) {
            this.index = index;
            this.id = id;
            this.name = name;
            this.type = type;
            this.owner = owner;
            this.domain = domain;
            this.industry = industry;
            this.subIndustry = subIndustry;
            this.incumbent = incumbent;
            this.createdAt = createdAt;
        }

        boolean customer() {
            return type != AccountType.PROSPECT;
        }

        /** The contact likely to champion a deal (the first one), and the likely economic buyer (the second). */
        Contact champion() {
            return contacts.get(0);
        }

        Contact economicBuyer() {
            return contacts.get(1);
        }
    }

    /** An opportunity with its stage path; dates are filled by the opportunity writer. */
    static final class Opportunity {
        final String id;
        final String name;
        final String type;
        final Account account;
        final Employee owner;
        final List<String> path; // stages in order, the last one current
        final List<LocalDateTime> stageStarts; // same length as path
        final boolean renewal;
        double amount;
        int months;
        List<String> competitors = List.of();
        boolean discoveryOnly;
        boolean competitivePricing;

        Opportunity(
                String id,
                String name,
                String type,
                Account account,
                Employee owner,
                List<String> path,
                List<LocalDateTime> stageStarts,
                boolean renewal) {
            this.id = id;
            this.name = name;
            this.type = type;
            this.account = account;
            this.owner = owner;
            this.path = path;
            this.stageStarts = stageStarts;
            this.renewal = renewal;
        }

        String stage() {
            return path.get(path.size() - 1);
        }

        boolean closed() {
            return stage().startsWith("Closed");
        }

        LocalDateTime createdAt() {
            return stageStarts.get(0);
        }

        LocalDateTime currentStageStart() {
            return stageStarts.get(stageStarts.size() - 1);
        }

        /** The stage the deal was in at {@code time}. */
        String stageAt(LocalDateTime time) {
            String stage = path.get(0);
            for (int i = 0; i < path.size(); i++) {
                if (!stageStarts.get(i).isAfter(time)) {
                    stage = path.get(i);
                }
            }
            return stage;
        }
    }
}
