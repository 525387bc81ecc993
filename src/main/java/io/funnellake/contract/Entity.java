package io.funnellake.contract;

import static io.funnellake.contract.Field.coded;
import static io.funnellake.contract.Field.opt;
import static io.funnellake.contract.Field.pii;
import static io.funnellake.contract.Field.req;
import static io.funnellake.contract.FieldType.BOOLEAN;
import static io.funnellake.contract.FieldType.DATE;
import static io.funnellake.contract.FieldType.DECIMAL;
import static io.funnellake.contract.FieldType.INTEGER;
import static io.funnellake.contract.FieldType.RATE;
import static io.funnellake.contract.FieldType.STRING;
import static io.funnellake.contract.FieldType.TIMESTAMP;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The canonical raw entities: what every source mapping maps onto. docs/data-contract.md documents
 * the same list; {@code DataContractDocTest} keeps the two equal.
 *
 * <p>Each entity has a key (unique in silver) and an optional version field ({@code updated_at}):
 * when two records share a key, the one with the later version wins whatever the file order; ties
 * go to the later load, then the later file and row.
 */
public enum Entity {
  LEADS(
      "leads",
      "One row per lead (person) as last known; a new export row for a lead replaces the older one.",
      List.of("lead_id"),
      "updated_at",
      List.of(
          req("lead_id", STRING, "CRM id of the lead"),
          req("created_at", TIMESTAMP, "when the lead was created"),
          req("updated_at", TIMESTAMP, "last modification; orders versions of the same lead"),
          pii("email", Pii.EMAIL, "e-mail address (pseudonymised in silver)"),
          pii("first_name", Pii.NAME, "given name (pseudonymised in silver)"),
          pii("last_name", Pii.NAME, "family name (pseudonymised in silver)"),
          pii("phone", Pii.PHONE, "phone number (pseudonymised in silver)"),
          opt("company", STRING, "company name as typed on the lead"),
          opt("account_id", STRING, "matched account, if any"),
          opt("title", STRING, "job title"),
          opt("industry", STRING, "industry"),
          opt("company_size", STRING, "company size band, e.g. 51-200"),
          opt("employee_count", INTEGER, "employees; used for company_size when that is empty"),
          opt("country", STRING, "country, ISO 3166 alpha-2 preferred"),
          opt("region", STRING, "sales region; derived from country when empty"),
          opt("persona", STRING, "buyer persona"),
          opt("lead_source", STRING, "lead source as the CRM records it"),
          opt("channel", STRING, "marketing channel; defaults to lead_source"),
          coded("sourced_by", false, "sourced_by", "marketing, sales or partner"),
          opt("original_campaign_id", STRING, "campaign that created the lead"),
          opt("owner_id", STRING, "rep who owns the lead (reps.rep_id)"),
          coded("status", true, "lead_status", "current status mapped to a canonical stage"),
          opt("disqualification_reason", STRING, "why the lead was disqualified"),
          opt("lead_score", INTEGER, "the CRM's current score, if any"),
          opt("converted_at", TIMESTAMP, "when the lead was converted"),
          opt("converted_contact_id", STRING, "contact created by conversion"),
          opt("converted_opportunity_id", STRING, "opportunity created by conversion"),
          opt("is_deleted", BOOLEAN, "the source marks the record deleted"),
          opt("merged_into_lead_id", STRING, "the lead this one was merged into"))),

  LEAD_STATUS_HISTORY(
      "lead_status_history",
      "Every status or stage change of a lead with its time.",
      List.of("lead_id", "changed_at", "status"),
      null,
      List.of(
          req("lead_id", STRING, "the lead"),
          req("changed_at", TIMESTAMP, "when the lead entered the status"),
          coded("status", true, "lead_status", "the status entered, mapped to a canonical stage"),
          coded("previous_status", false, "lead_status", "the status left"),
          opt("disqualification_reason", STRING, "reason recorded with the change"),
          opt("changed_by", STRING, "user who made the change"))),

  ACCOUNTS(
      "accounts",
      "One row per account (company).",
      List.of("account_id"),
      "updated_at",
      List.of(
          req("account_id", STRING, "CRM id of the account"),
          opt("name", STRING, "company name"),
          opt("domain", STRING, "web domain"),
          opt("industry", STRING, "industry"),
          opt("company_size", STRING, "company size band"),
          opt("employee_count", INTEGER, "employees"),
          opt("country", STRING, "country"),
          opt("region", STRING, "sales region"),
          opt("owner_id", STRING, "account owner (reps.rep_id)"),
          opt("created_at", TIMESTAMP, "creation time"),
          opt("updated_at", TIMESTAMP, "last modification"),
          opt("is_deleted", BOOLEAN, "the source marks the record deleted"))),

  CAMPAIGNS(
      "campaigns",
      "One row per marketing (or sales prospecting) campaign.",
      List.of("campaign_id"),
      "updated_at",
      List.of(
          req("campaign_id", STRING, "CRM id of the campaign"),
          opt("name", STRING, "campaign name"),
          opt("campaign_type", STRING, "type, e.g. webinar, paid_search, sales_prospecting"),
          opt("channel", STRING, "marketing channel the campaign belongs to"),
          opt("parent_campaign_id", STRING, "parent campaign"),
          opt("start_date", DATE, "first day"),
          opt("end_date", DATE, "last day"),
          opt("cost", DECIMAL, "actual cost"),
          opt("currency", STRING, "ISO 4217 currency of cost"),
          opt("updated_at", TIMESTAMP, "last modification"),
          opt("is_deleted", BOOLEAN, "the source marks the record deleted"))),

  CAMPAIGN_RESPONSES(
      "campaign_responses",
      "Marketing touches: a lead or contact responding to a campaign.",
      List.of("response_id"),
      null,
      List.of(
          req("response_id", STRING, "id of the response; derived from its fields when absent"),
          opt("campaign_id", STRING, "the campaign responded to"),
          opt("lead_id", STRING, "the lead who responded"),
          opt("contact_id", STRING, "the contact who responded (converted leads)"),
          coded("response_type", true, "response_type", "kind of touch"),
          req("responded_at", TIMESTAMP, "when the touch happened"),
          opt("channel", STRING, "channel of the touch; defaults to the campaign's"),
          opt("content_id", STRING, "content asset used (content_assets.content_id)"),
          opt("page", STRING, "page visited, for page views (e.g. /pricing)"))),

  SALES_ACTIVITIES(
      "sales_activities",
      "Sales touches: calls, e-mails, meetings, SMS and video calls logged by reps.",
      List.of("activity_id"),
      null,
      List.of(
          req("activity_id", STRING, "CRM id of the task or event"),
          opt("lead_id", STRING, "the lead touched"),
          opt("contact_id", STRING, "the contact touched"),
          opt("opportunity_id", STRING, "the opportunity the touch relates to"),
          opt("rep_id", STRING, "rep who did it (reps.rep_id)"),
          coded("activity_type", true, "activity_type", "call, email, meeting, sms or video"),
          req("activity_at", TIMESTAMP, "when it happened"),
          opt("duration_minutes", INTEGER, "minutes spent"),
          opt("outcome", STRING, "disposition, e.g. connected, voicemail, no_answer"))),

  OPPORTUNITIES(
      "opportunities",
      "One row per opportunity (deal) as last known.",
      List.of("opportunity_id"),
      "updated_at",
      List.of(
          req("opportunity_id", STRING, "CRM id of the opportunity"),
          opt("account_id", STRING, "account"),
          opt("converted_from_lead_id", STRING, "lead whose conversion created it"),
          req("created_at", TIMESTAMP, "when it was created"),
          opt("close_date", DATE, "expected or actual close date"),
          coded("stage", true, "opportunity_stage", "current stage, mapped"),
          opt("amount", DECIMAL, "amount in the opportunity currency"),
          opt("currency", STRING, "ISO 4217 currency of amount"),
          opt("is_won", BOOLEAN, "closed won"),
          opt("is_closed", BOOLEAN, "closed (won or lost)"),
          opt("owner_id", STRING, "opportunity owner (reps.rep_id)"),
          opt("lead_source", STRING, "lead source recorded on the deal"),
          coded("sourced_by", false, "sourced_by", "marketing, sales or partner"),
          opt("primary_campaign_id", STRING, "primary campaign source"),
          opt("opportunity_type", STRING, "new business, expansion, renewal"),
          opt("lost_reason", STRING, "why it was lost"),
          req("updated_at", TIMESTAMP, "last modification; orders versions"),
          opt("is_deleted", BOOLEAN, "the source marks the record deleted"))),

  OPPORTUNITY_STAGE_HISTORY(
      "opportunity_stage_history",
      "Every stage change of an opportunity with its time.",
      List.of("opportunity_id", "changed_at", "stage"),
      null,
      List.of(
          req("opportunity_id", STRING, "the opportunity"),
          req("changed_at", TIMESTAMP, "when it entered the stage"),
          coded("stage", true, "opportunity_stage", "the stage entered, mapped"),
          opt("amount", DECIMAL, "amount at the change"),
          opt("currency", STRING, "currency of amount"))),

  OPPORTUNITY_CONTACT_ROLES(
      "opportunity_contact_roles",
      "People attached to an opportunity (Salesforce OpportunityContactRole).",
      List.of("opportunity_id", "contact_id"),
      "updated_at",
      List.of(
          req("opportunity_id", STRING, "the opportunity"),
          req("contact_id", STRING, "the contact"),
          opt("lead_id", STRING, "the lead the contact was converted from, if known"),
          opt("role", STRING, "e.g. decision maker, champion"),
          opt("is_primary", BOOLEAN, "primary contact"),
          opt("created_at", TIMESTAMP, "when the role was added"),
          opt("updated_at", TIMESTAMP, "last modification"))),

  REPS(
      "reps",
      "Sales reps and other CRM users who own leads or log activities.",
      List.of("rep_id"),
      "updated_at",
      List.of(
          req("rep_id", STRING, "CRM user id"),
          pii("name", Pii.NAME, "full name (pseudonymised in silver)"),
          pii("email", Pii.EMAIL, "e-mail (pseudonymised in silver)"),
          opt("team", STRING, "sales team"),
          opt("role", STRING, "sdr, bdr, ae, manager, marketing"),
          opt("monthly_capacity_hours", DECIMAL, "hours a month for follow-up (default 160)"),
          opt("is_active", BOOLEAN, "currently active"),
          opt("start_date", DATE, "first day"),
          opt("end_date", DATE, "last day"),
          opt("updated_at", TIMESTAMP, "last modification"))),

  CONTENT_ASSETS(
      "content_assets",
      "Marketing content: white papers, case studies, webinars, videos.",
      List.of("content_id"),
      "updated_at",
      List.of(
          req("content_id", STRING, "id of the asset"),
          opt("title", STRING, "title"),
          opt("asset_type", STRING, "whitepaper, case_study, webinar, video, ebook, blog"),
          opt("target_persona", STRING, "persona the asset was written for"),
          opt("funnel_stage", STRING, "stage it is meant for: tofu, mofu, bofu"),
          opt("published_at", TIMESTAMP, "publication time"),
          opt("updated_at", TIMESTAMP, "last modification"))),

  CURRENCY_RATES(
      "currency_rates",
      "Dated exchange rates into the reporting currency.",
      List.of("currency", "rate_date"),
      null,
      List.of(
          req("currency", STRING, "ISO 4217 currency converted from"),
          req("rate_date", DATE, "day the rate applies from"),
          req("rate", RATE, "units of the reporting currency per one unit of currency"),
          opt("quote_currency", STRING, "currency converted into; must be the reporting one")));

  private final String table;
  private final String description;
  private final List<String> keys;
  private final String versionField;
  private final List<Field> fields;

  Entity(
      String table,
      String description,
      List<String> keys,
      String versionField,
      List<Field> fields) {
    this.table = table;
    this.description = description;
    this.keys = keys;
    this.versionField = versionField;
    this.fields = fields;
  }

  /** Table name in bronze and silver, and the landing folder name in canonical layout. */
  public String table() {
    return table;
  }

  public String description() {
    return description;
  }

  /** Fields that together identify a record. */
  public List<String> keys() {
    return keys;
  }

  /** Field ordering versions of one key, or empty when load order decides. */
  public Optional<String> versionField() {
    return Optional.ofNullable(versionField);
  }

  public List<Field> fields() {
    return fields;
  }

  public Optional<Field> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public List<String> fieldNames() {
    return fields.stream().map(Field::name).toList();
  }

  /** Entity by table name, e.g. {@code "leads"}. */
  public static Optional<Entity> byTable(String table) {
    return Arrays.stream(values()).filter(e -> e.table.equals(table)).findFirst();
  }
}
