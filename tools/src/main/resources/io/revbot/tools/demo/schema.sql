-- The demo warehouse: the same tables and columns as the Firebolt warehouse our users already have
-- (dimension tables end in _d, fact tables in _f), so SQL written against the demo runs unchanged on theirs.
-- Types are portable (DuckDB, PostgreSQL, Firebolt). Shared contract: tools (generator, warehouse tools),
-- analytics and knowledge_base/schema depend on these names.

CREATE TABLE employee_d (
    sf_user_id            VARCHAR PRIMARY KEY,   -- Salesforce user id, e.g. 0055e000001AbCd
    first_name            VARCHAR,
    last_name             VARCHAR,
    user_email            VARCHAR
);

CREATE TABLE salesforce_account_d (
    sf_account_id                 VARCHAR PRIMARY KEY,
    sf_account_name               VARCHAR NOT NULL,
    organization_id               VARCHAR,            -- -> organization_d; null for prospects without a product org
    sf_account_type_custom        VARCHAR,            -- 'Commit Customer' | 'PLG Customer' | NULL (prospect)
    account_region                VARCHAR,            -- 'NA' | 'EMEA' | 'APAC' | 'LATAM'
    billing_country               VARCHAR,            -- ISO-3166 alpha-2
    sf_industry                   VARCHAR,
    sf_sub_industry               VARCHAR,
    sf_owner_id                   VARCHAR,            -- -> employee_d.sf_user_id
    sf_open_opportunities         INTEGER,
    potential_account_spend_usd   DOUBLE,
    sf_company_domain             VARCHAR,
    sf_number_of_employees        INTEGER,
    sf_estimated_annual_revenue   DOUBLE,
    sf_tech_stack                 VARCHAR,            -- comma-separated, e.g. 'AWS, Snowflake, dbt, Looker'
    sf_use_case                   VARCHAR,
    created_at_ts                 TIMESTAMP
);

CREATE TABLE contact_d (
    contact_id        VARCHAR PRIMARY KEY,
    contact_name      VARCHAR,
    contact_email     VARCHAR,
    contact_title     VARCHAR,
    sf_account_id     VARCHAR,                        -- -> salesforce_account_d
    is_deleted        BOOLEAN,
    created_date_ts   TIMESTAMP
);

CREATE TABLE lead_d (
    lead_id                    VARCHAR PRIMARY KEY,
    lead_name                  VARCHAR,
    email                      VARCHAR,
    title                      VARCHAR,
    company                    VARCHAR,
    industry                   VARCHAR,
    employee_size              INTEGER,
    estimated_annual_revenue   DOUBLE,
    country                    VARCHAR,               -- ISO-3166 alpha-2
    lead_source                VARCHAR,               -- 'Website' | 'Webinar' | 'Referral' | 'Outbound' | 'Event' | 'Free Trial'
    lead_status                VARCHAR,               -- 'New' | 'Working' | 'Nurturing' | 'Qualified' | 'Unqualified' | 'Converted'
    is_deleted                 BOOLEAN,
    created_date_ts            TIMESTAMP
);

CREATE TABLE opportunity_d (
    opportunity_id                     VARCHAR PRIMARY KEY,
    opportunity_name                   VARCHAR NOT NULL,
    opportunity_type                   VARCHAR,       -- 'New Business' | 'Upsell' | 'Renewal' | 'Expansion'
    sf_account_id                      VARCHAR,       -- -> salesforce_account_d
    stage_name                         VARCHAR,       -- see knowledge_base/business_logic (stage model)
    amount                             DOUBLE,        -- TCV in USD; ACV = amount / contract_duration_months * 12
    contract_duration_months           INTEGER,
    probability                        INTEGER,       -- CRM probability 0-100 from the stage
    close_date                         DATE,          -- expected (open) or actual (closed) close date
    closed_at_date                     DATE,          -- set when closed
    created_at_ts                      TIMESTAMP,
    closed_won_lost_reason             VARCHAR,
    owner_id                           VARCHAR,       -- -> employee_d.sf_user_id
    contact_id                         VARCHAR,       -- -> contact_d
    next_step                          VARCHAR,
    dbt_last_updated_ts                TIMESTAMP,
    metrics                            VARCHAR,
    metrics_status                     VARCHAR,       -- 'Green' | 'Yellow' | 'Red' | NULL (not assessed)
    economic_buyer                     VARCHAR,
    economic_buyer_status              VARCHAR,
    identify_pain                      VARCHAR,
    identify_pain_status               VARCHAR,
    champion                           VARCHAR,
    champion_status                    VARCHAR,
    decision_criteria                  VARCHAR,
    decision_criteria_status           VARCHAR,
    decision_making_process            VARCHAR,
    decision_making_process_status     VARCHAR,
    paper_process                      VARCHAR,
    paper_process_status               VARCHAR,
    competition                        VARCHAR,
    competition_status                 VARCHAR,
    competitors                        VARCHAR,       -- comma-separated competitor names
    decision_timeline_date             DATE
);

CREATE TABLE opportunity_stage_f (
    opportunity_id    VARCHAR,                        -- -> opportunity_d
    from_stage        VARCHAR,                        -- NULL for the first stage
    to_stage          VARCHAR,
    days_in_stage     INTEGER,                        -- days spent in to_stage (so far, when active)
    started_at_ts     TIMESTAMP,
    ended_at_ts       TIMESTAMP,                      -- NULL while active
    is_active_stage   BOOLEAN
);

CREATE TABLE gong_call_f (
    gong_call_id                       VARCHAR PRIMARY KEY,
    gong_call_name                     VARCHAR,
    gong_title                         VARCHAR,
    sf_owner_id                        VARCHAR,       -- -> employee_d.sf_user_id (the rep who hosted)
    is_deleted                         BOOLEAN,
    gong_call_start_ts                 TIMESTAMP,
    gong_call_end_ts                   TIMESTAMP,
    gong_call_duration                 INTEGER,       -- seconds
    gong_direction                     VARCHAR,       -- 'Conference' | 'Inbound' | 'Outbound'
    gong_system                        VARCHAR,       -- 'Zoom' | 'Google Meet' | 'Microsoft Teams'
    gong_participants_emails           VARCHAR,       -- comma-separated, internal and external
    gong_primary_account               VARCHAR,       -- -> salesforce_account_d.sf_account_id
    gong_related_opportunity           VARCHAR,       -- -> opportunity_d.opportunity_id
    gong_related_contact               VARCHAR,       -- -> contact_d.contact_id
    gong_related_lead                  VARCHAR,       -- -> lead_d.lead_id
    gong_call_brief                    VARCHAR,
    gong_call_key_points               VARCHAR,
    gong__call_highlights_next_steps   VARCHAR        -- (sic) double underscore, as in the production warehouse
);

-- Demo only: stands in for Gong's transcript API. One row per utterance.
CREATE TABLE transcript (
    gong_call_id    VARCHAR,                          -- -> gong_call_f
    speaker         VARCHAR,                          -- speaker's name
    email           VARCHAR,                          -- speaker's email
    start_second    INTEGER,                          -- offset from the call start
    text            VARCHAR
);

CREATE TABLE organization_d (
    organization_id     VARCHAR PRIMARY KEY,          -- the product organisation (billing and consumption key)
    organization_name   VARCHAR,
    sf_account_id       VARCHAR,                      -- -> salesforce_account_d
    created_at_ts       TIMESTAMP
);

CREATE TABLE billing_event_f (
    organization_id      VARCHAR,                     -- -> organization_d
    mrr_report_date_ts   TIMESTAMP,                   -- first day of the month reported
    amount               DOUBLE                       -- monthly recurring revenue billed, USD
);

CREATE TABLE consumption_daily_d (
    consumption_date     DATE,
    sf_account_id        VARCHAR,                     -- -> salesforce_account_d
    engine_hours         DOUBLE,
    query_count          BIGINT,
    data_scanned_bytes   BIGINT,
    consumed_fbu         DOUBLE,                      -- Firebolt units consumed
    total_cost_usd       DOUBLE
);

CREATE TABLE agreement_f (
    agreement_id           VARCHAR PRIMARY KEY,
    sf_account_id          VARCHAR,                   -- -> salesforce_account_d
    amount                 DOUBLE,                    -- committed contract value, USD, for the whole term
    contract_term_months   INTEGER,
    is_active              BOOLEAN,
    agreement_status       VARCHAR,                   -- 'Active' | 'Expired' | 'Terminated' | 'Pending'
    start_date             DATE,
    end_date               DATE
);

CREATE TABLE customer_credit_f (
    organization_id   VARCHAR,                        -- -> organization_d
    prepaid_amount    DOUBLE,
    used_amount       DOUBLE,
    amount_left       DOUBLE,
    started_at        TIMESTAMP,
    expired_at        TIMESTAMP
);

-- Demo only: how and when this data set was generated (keys: as_of_date, scale, seed, generator_version).
CREATE TABLE demo_metadata (
    key     VARCHAR PRIMARY KEY,
    value   VARCHAR
);
