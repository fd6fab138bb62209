package io.revbot.tools.crm;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolJson;
import io.revbot.tools.ToolObserver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The CRM lookups the agents use to find the exact account, deal or person a question is about. */
public final class CrmTools {
    private final Crm crm;

    public CrmTools(Crm crm) {
        this.crm = Objects.requireNonNull(crm, "crm");
    }

    @Tool(
            name = "find_accounts",
            value = {
                "Finds CRM accounts whose name or web domain contains the text (case-insensitive).",
                "Use it to turn a company name from the question into an account id before other lookups.",
                "Returns JSON {accounts: [{id, name, type, industry, region, domain, employees, owner}]} (at most 20)."
            })
    public String findAccounts(@P("part of the account name or domain, e.g. 'northwind' or 'acme.com'") String name) {
        List<Crm.Account> accounts = crm.findAccounts(required(name, "name"), 20);
        ToolObserver.current().fact("rows", accounts.size());
        return json(Map.of("accounts", accounts));
    }

    @Tool(
            name = "find_opportunities",
            value = {
                "Finds opportunities (deals) whose name or account name contains the text (case-insensitive); open deals first.",
                "Returns JSON {opportunities: [{id, name, accountId, accountName, type, stage, amount, probability,"
                        + " closeDate, owner}]} (at most 20). amount is the total contract value in USD."
            })
    public String findOpportunities(
            @P("part of the opportunity or account name, e.g. 'Vertex Analytics'") String name) {
        List<Crm.Opportunity> opportunities = crm.findOpportunities(required(name, "name"), 20);
        ToolObserver.current().fact("rows", opportunities.size());
        return json(Map.of("opportunities", opportunities));
    }

    @Tool(
            name = "find_people",
            value = {
                "Finds contacts and leads whose name or email contains the text (case-insensitive).",
                "Returns JSON {people: [{kind: contact|lead, id, name, email, title, company}]} (at most 20)."
            })
    public String findPeople(
            @P("part of a person's name or email, e.g. 'Maya Chen' or '@streamforge.io'") String nameOrEmail) {
        List<Crm.Person> people = crm.findPeople(required(nameOrEmail, "name_or_email"), 20);
        ToolObserver.current().fact("rows", people.size());
        return json(Map.of("people", people));
    }

    @Tool(
            name = "get_crm_record",
            value = {
                "Reads every field of one CRM record by type and id (ids come from the find_* tools).",
                "Returns JSON {type, id, name, fields: {field: value}}; owners are resolved to names (owner_name)."
            })
    public String getCrmRecord(
            @P("record type: account, opportunity, contact or lead") String recordType,
            @P("the record's id") String recordId) {
        Crm.RecordType type = Crm.RecordType.parse(recordType);
        Optional<Crm.CrmRecord> record = crm.getRecord(type, required(recordId, "record_id"));
        if (record.isEmpty()) {
            throw new ToolException("no " + type.name().toLowerCase(java.util.Locale.ROOT) + " with id " + recordId
                    + "; find the id with find_accounts, find_opportunities or find_people");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type.name().toLowerCase(java.util.Locale.ROOT));
        out.put("id", record.get().id());
        out.put("name", record.get().name());
        out.put("fields", record.get().fields());
        return json(out);
    }

    static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new ToolException(name + " must not be empty");
        }
        if (value.length() > 200) {
            throw new ToolException(name + " is too long (200 characters at most)");
        }
        return value.strip();
    }

    static String json(Object value) {
        return ToolJson.write(value);
    }
}
