package io.revbot.tools.crm;

import io.revbot.tools.ToolException;
import io.revbot.tools.warehouse.Warehouse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The CRM as the warehouse mirrors it ({@code salesforce_account_d}, {@code opportunity_d}, {@code contact_d},
 * {@code lead_d}, owners in {@code employee_d}): the demo default, and a read-only CRM for teams without Salesforce
 * API access. Matching is {@code strpos(lower(column), lower(?)) > 0}, a portable case-insensitive "contains" that
 * needs no wildcard escaping; the user's text is always a bind parameter.
 *
 * <p>Updates do not rewrite the mirrored tables (the warehouse is read-only, and the next sync would undo them):
 * each approved change is appended to the {@code crm_updates} table of a {@link CrmUpdateLog}, and
 * {@link #getRecord} shows the latest logged value of each field over the mirror's.
 */
public final class WarehouseCrm implements Crm {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String OWNER_NAME = "trim(coalesce(e.first_name, '') || ' ' || coalesce(e.last_name, ''))";

    private final Warehouse warehouse;
    private final CrmUpdateLog updates;
    private final Clock clock;

    public WarehouseCrm(Warehouse warehouse, CrmUpdateLog updates, Clock clock) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.updates = Objects.requireNonNull(updates, "updates");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String describe() {
        return "warehouse CRM tables (" + warehouse.describe() + ")";
    }

    @Override
    public void check() {
        warehouse.query("SELECT count(*) FROM salesforce_account_d", 1, TIMEOUT);
    }

    @Override
    public List<Account> findAccounts(String text, int limit) {
        Warehouse.QueryResult r = warehouse.query(
                "SELECT a.sf_account_id, a.sf_account_name, a.sf_account_type_custom, a.sf_industry,"
                        + " a.account_region, a.sf_company_domain, a.sf_number_of_employees, " + OWNER_NAME
                        + " AS owner_name FROM salesforce_account_d a"
                        + " LEFT JOIN employee_d e ON e.sf_user_id = a.sf_owner_id"
                        + " WHERE strpos(lower(a.sf_account_name), lower(?)) > 0"
                        + " OR strpos(lower(coalesce(a.sf_company_domain, '')), lower(?)) > 0"
                        + " ORDER BY a.sf_account_name LIMIT " + bounded(limit),
                List.of(text, text),
                bounded(limit),
                TIMEOUT);
        List<Account> out = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            out.add(new Account(
                    str(row.get(0)),
                    str(row.get(1)),
                    opt(row.get(2)).or(() -> Optional.of("Prospect")),
                    opt(row.get(3)),
                    opt(row.get(4)),
                    opt(row.get(5)),
                    Optional.ofNullable(row.get(6)).map(v -> ((Number) v).intValue()),
                    opt(row.get(7))));
        }
        return out;
    }

    @Override
    public List<Opportunity> findOpportunities(String text, int limit) {
        Warehouse.QueryResult r = warehouse.query(
                "SELECT o.opportunity_id, o.opportunity_name, o.sf_account_id, a.sf_account_name, o.opportunity_type,"
                        + " o.stage_name, o.amount, o.probability, o.close_date, " + OWNER_NAME + " AS owner_name"
                        + " FROM opportunity_d o"
                        + " LEFT JOIN salesforce_account_d a ON a.sf_account_id = o.sf_account_id"
                        + " LEFT JOIN employee_d e ON e.sf_user_id = o.owner_id"
                        + " WHERE strpos(lower(o.opportunity_name), lower(?)) > 0"
                        + " OR strpos(lower(coalesce(a.sf_account_name, '')), lower(?)) > 0"
                        + " ORDER BY CASE WHEN o.stage_name IN ('Closed Won', 'Closed Lost') THEN 1 ELSE 0 END,"
                        + " o.close_date DESC LIMIT " + bounded(limit),
                List.of(text, text),
                bounded(limit),
                TIMEOUT);
        List<Opportunity> out = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            out.add(new Opportunity(
                    str(row.get(0)),
                    str(row.get(1)),
                    opt(row.get(2)),
                    opt(row.get(3)),
                    opt(row.get(4)),
                    opt(row.get(5)),
                    Optional.ofNullable(row.get(6)).map(v -> new BigDecimal(v.toString())),
                    Optional.ofNullable(row.get(7)).map(v -> ((Number) v).intValue()),
                    Optional.ofNullable(row.get(8)).map(WarehouseCrm::date),
                    opt(row.get(9))));
        }
        return out;
    }

    @Override
    public List<Person> findPeople(String text, int limit) {
        Warehouse.QueryResult r = warehouse.query(
                "SELECT 'contact' AS kind, c.contact_id AS id, c.contact_name AS name, c.contact_email AS email,"
                        + " c.contact_title AS title, a.sf_account_name AS company FROM contact_d c"
                        + " LEFT JOIN salesforce_account_d a ON a.sf_account_id = c.sf_account_id"
                        + " WHERE coalesce(c.is_deleted, false) = false"
                        + " AND (strpos(lower(c.contact_name), lower(?)) > 0"
                        + " OR strpos(lower(coalesce(c.contact_email, '')), lower(?)) > 0)"
                        + " UNION ALL"
                        + " SELECT 'lead', l.lead_id, l.lead_name, l.email, l.title, l.company FROM lead_d l"
                        + " WHERE coalesce(l.is_deleted, false) = false"
                        + " AND (strpos(lower(l.lead_name), lower(?)) > 0"
                        + " OR strpos(lower(coalesce(l.email, '')), lower(?)) > 0)"
                        + " ORDER BY 3 LIMIT " + bounded(limit),
                List.of(text, text, text, text),
                bounded(limit),
                TIMEOUT);
        List<Person> out = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            out.add(new Person(
                    str(row.get(0)),
                    str(row.get(1)),
                    str(row.get(2)),
                    opt(row.get(3)),
                    opt(row.get(4)),
                    opt(row.get(5))));
        }
        return out;
    }

    @Override
    public Optional<CrmRecord> getRecord(RecordType type, String id) {
        String ownerColumn = switch (type) {
            case ACCOUNT -> "sf_owner_id";
            case OPPORTUNITY -> "owner_id";
            case CONTACT, LEAD -> null;
        };
        String sql = ownerColumn == null
                ? "SELECT t.* FROM " + type.table() + " t WHERE t." + type.idColumn() + " = ?"
                : "SELECT t.*, " + OWNER_NAME + " AS owner_name FROM " + type.table() + " t LEFT JOIN employee_d e"
                        + " ON e.sf_user_id = t." + ownerColumn + " WHERE t." + type.idColumn() + " = ?";
        Warehouse.QueryResult r = warehouse.query(sql, List.of(id), 2, TIMEOUT);
        if (r.rows().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        List<Object> row = r.rows().get(0);
        for (int i = 0; i < r.columns().size(); i++) {
            fields.put(r.columns().get(i).name(), row.get(i));
        }
        for (CrmUpdateLog.Update u : updates.forRecord(type.name().toLowerCase(Locale.ROOT), id)) {
            fields.put(u.field(), u.newValue().orElse(null)); // approved changes win over the mirror
        }
        return Optional.of(new CrmRecord(type, id, String.valueOf(fields.get(type.nameColumn())), fields));
    }

    @Override
    public void update(RecordType type, String id, Map<String, Object> fields, String approvedBy) {
        CrmRecord record =
                getRecord(type, id).orElseThrow(() -> new ToolException("no " + type.salesforceName() + " " + id));
        for (String field : fields.keySet()) {
            if (!record.fields().containsKey(field) || field.equals("owner_name")) {
                throw new ToolException("no field " + field + " on " + type.table());
            }
        }
        for (Map.Entry<String, Object> change : fields.entrySet()) {
            Object old = record.fields().get(change.getKey());
            updates.append(new CrmUpdateLog.Update(
                    type.name().toLowerCase(Locale.ROOT),
                    id,
                    change.getKey(),
                    Optional.ofNullable(old).map(Object::toString),
                    Optional.ofNullable(change.getValue()).map(Object::toString),
                    approvedBy,
                    clock.instant()));
        }
    }

    private static int bounded(int limit) {
        return Math.max(1, Math.min(limit, 200));
    }

    private static String str(Object v) {
        return v == null ? "" : v.toString();
    }

    private static Optional<String> opt(Object v) {
        return v == null || v.toString().isBlank() ? Optional.empty() : Optional.of(v.toString());
    }

    private static LocalDate date(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(v.toString().substring(0, 10));
    }
}
