package io.revbot.tools.crm;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CRM: accounts, opportunities, contacts and leads. Adapters: {@code SalesforceCrm} (REST) and
 * {@code WarehouseCrm} (the CRM tables of the warehouse). Lookups by name or email are case-insensitive partial
 * matches with the user's text bound as a parameter (or escaped as a SOQL literal), never spliced into a query.
 * Owner ids come back resolved to names. Thread-safe.
 *
 * @implNote every method may throw {@link io.revbot.tools.UpstreamException} when the CRM fails
 */
public interface Crm {

    /** Name and endpoint for logs and {@code doctor}. */
    String describe();

    /** Proves the CRM answers (credentials valid, a trivial read); throws when it does not. */
    void check();

    /** Accounts whose name or web domain contains {@code text}. */
    List<Account> findAccounts(String text, int limit);

    /** Opportunities whose name, or whose account's name, contains {@code text}; open ones first. */
    List<Opportunity> findOpportunities(String text, int limit);

    /** Contacts and leads whose name or email contains {@code text}. */
    List<Person> findPeople(String text, int limit);

    /** Every field of one record, owner resolved to a name; empty when there is no such record. */
    Optional<CrmRecord> getRecord(RecordType type, String id);

    /** Writes field values to one record. Only ever called for an approved action. */
    void update(RecordType type, String id, Map<String, Object> fields, String approvedBy);

    /** The record types the tools can read and update. */
    enum RecordType {
        ACCOUNT("Account", "salesforce_account_d", "sf_account_id", "sf_account_name"),
        OPPORTUNITY("Opportunity", "opportunity_d", "opportunity_id", "opportunity_name"),
        CONTACT("Contact", "contact_d", "contact_id", "contact_name"),
        LEAD("Lead", "lead_d", "lead_id", "lead_name");

        private final String salesforceName;
        private final String table;
        private final String idColumn;
        private final String nameColumn;

        RecordType(String salesforceName, String table, String idColumn, String nameColumn) {
            this.salesforceName = salesforceName;
            this.table = table;
            this.idColumn = idColumn;
            this.nameColumn = nameColumn;
        }

        public String salesforceName() {
            return salesforceName;
        }

        String table() {
            return table;
        }

        String idColumn() {
            return idColumn;
        }

        String nameColumn() {
            return nameColumn;
        }

        /** {@code "opportunity"}, {@code "Opportunity"} → OPPORTUNITY; throws naming the allowed values. */
        public static RecordType parse(String value) {
            if (value != null) {
                for (RecordType t : values()) {
                    if (t.name().equalsIgnoreCase(value.strip()) || t.salesforceName.equalsIgnoreCase(value.strip())) {
                        return t;
                    }
                }
            }
            throw new io.revbot.tools.ToolException(
                    "record_type must be one of account, opportunity, contact, lead; got '" + value + "'");
        }
    }

    record Account(
            String id,
            String name,
            Optional<String> type,
            Optional<String> industry,
            Optional<String> region,
            Optional<String> domain,
            Optional<Integer> employees,
            Optional<String> owner) {}

    record Opportunity(
            String id,
            String name,
            Optional<String> accountId,
            Optional<String> accountName,
            Optional<String> type,
            Optional<String> stage,
            Optional<BigDecimal> amount,
            Optional<Integer> probability,
            Optional<LocalDate> closeDate,
            Optional<String> owner) {}

    /** A contact ({@code kind = "contact"}) or a lead ({@code "lead"}). */
    record Person(
            String kind,
            String id,
            String name,
            Optional<String> email,
            Optional<String> title,
            Optional<String> company) {}

    /** One record's fields (CRM field names), plus {@code owner_name} when the record has an owner. */
    record CrmRecord(RecordType type, String id, String name, Map<String, Object> fields) {}
}
