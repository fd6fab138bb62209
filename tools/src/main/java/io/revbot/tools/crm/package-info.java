/**
 * The CRM: the {@link io.revbot.tools.crm.Crm} port, {@link io.revbot.tools.crm.SalesforceCrm} (REST, SOQL) and
 * {@link io.revbot.tools.crm.WarehouseCrm} (the warehouse's CRM tables), and the agents' lookups in
 * {@link io.revbot.tools.crm.CrmTools}. User text is only ever a bind parameter or an escaped SOQL literal.
 */
package io.revbot.tools.crm;
