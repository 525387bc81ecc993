package io.funnellake.generate;

import io.funnellake.contract.Entity;

/** Positions of the contract's fields in each entity's row, looked up by name once. */
final class Cols {
  private Cols() {}

  static final int L_LEAD_ID = at(Entity.LEADS, "lead_id");
  static final int L_CREATED_AT = at(Entity.LEADS, "created_at");
  static final int L_UPDATED_AT = at(Entity.LEADS, "updated_at");
  static final int L_EMAIL = at(Entity.LEADS, "email");
  static final int L_FIRST_NAME = at(Entity.LEADS, "first_name");
  static final int L_LAST_NAME = at(Entity.LEADS, "last_name");
  static final int L_PHONE = at(Entity.LEADS, "phone");
  static final int L_COMPANY = at(Entity.LEADS, "company");
  static final int L_ACCOUNT_ID = at(Entity.LEADS, "account_id");
  static final int L_TITLE = at(Entity.LEADS, "title");
  static final int L_INDUSTRY = at(Entity.LEADS, "industry");
  static final int L_COMPANY_SIZE = at(Entity.LEADS, "company_size");
  static final int L_EMPLOYEE_COUNT = at(Entity.LEADS, "employee_count");
  static final int L_COUNTRY = at(Entity.LEADS, "country");
  static final int L_REGION = at(Entity.LEADS, "region");
  static final int L_PERSONA = at(Entity.LEADS, "persona");
  static final int L_LEAD_SOURCE = at(Entity.LEADS, "lead_source");
  static final int L_CHANNEL = at(Entity.LEADS, "channel");
  static final int L_SOURCED_BY = at(Entity.LEADS, "sourced_by");
  static final int L_ORIGINAL_CAMPAIGN_ID = at(Entity.LEADS, "original_campaign_id");
  static final int L_OWNER_ID = at(Entity.LEADS, "owner_id");
  static final int L_STATUS = at(Entity.LEADS, "status");
  static final int L_DISQUALIFICATION_REASON = at(Entity.LEADS, "disqualification_reason");
  static final int L_LEAD_SCORE = at(Entity.LEADS, "lead_score");
  static final int L_CONVERTED_AT = at(Entity.LEADS, "converted_at");
  static final int L_CONVERTED_CONTACT_ID = at(Entity.LEADS, "converted_contact_id");
  static final int L_CONVERTED_OPPORTUNITY_ID = at(Entity.LEADS, "converted_opportunity_id");
  static final int L_IS_DELETED = at(Entity.LEADS, "is_deleted");
  static final int L_MERGED_INTO_LEAD_ID = at(Entity.LEADS, "merged_into_lead_id");

  static final int H_LEAD_ID = at(Entity.LEAD_STATUS_HISTORY, "lead_id");
  static final int H_CHANGED_AT = at(Entity.LEAD_STATUS_HISTORY, "changed_at");
  static final int H_STATUS = at(Entity.LEAD_STATUS_HISTORY, "status");
  static final int H_PREVIOUS_STATUS = at(Entity.LEAD_STATUS_HISTORY, "previous_status");
  static final int H_DISQUALIFICATION_REASON =
      at(Entity.LEAD_STATUS_HISTORY, "disqualification_reason");
  static final int H_CHANGED_BY = at(Entity.LEAD_STATUS_HISTORY, "changed_by");

  static final int A_ACCOUNT_ID = at(Entity.ACCOUNTS, "account_id");
  static final int A_NAME = at(Entity.ACCOUNTS, "name");
  static final int A_DOMAIN = at(Entity.ACCOUNTS, "domain");
  static final int A_INDUSTRY = at(Entity.ACCOUNTS, "industry");
  static final int A_COMPANY_SIZE = at(Entity.ACCOUNTS, "company_size");
  static final int A_EMPLOYEE_COUNT = at(Entity.ACCOUNTS, "employee_count");
  static final int A_COUNTRY = at(Entity.ACCOUNTS, "country");
  static final int A_REGION = at(Entity.ACCOUNTS, "region");
  static final int A_OWNER_ID = at(Entity.ACCOUNTS, "owner_id");
  static final int A_CREATED_AT = at(Entity.ACCOUNTS, "created_at");
  static final int A_UPDATED_AT = at(Entity.ACCOUNTS, "updated_at");
  static final int A_IS_DELETED = at(Entity.ACCOUNTS, "is_deleted");

  static final int C_CAMPAIGN_ID = at(Entity.CAMPAIGNS, "campaign_id");
  static final int C_NAME = at(Entity.CAMPAIGNS, "name");
  static final int C_CAMPAIGN_TYPE = at(Entity.CAMPAIGNS, "campaign_type");
  static final int C_CHANNEL = at(Entity.CAMPAIGNS, "channel");
  static final int C_PARENT_CAMPAIGN_ID = at(Entity.CAMPAIGNS, "parent_campaign_id");
  static final int C_START_DATE = at(Entity.CAMPAIGNS, "start_date");
  static final int C_END_DATE = at(Entity.CAMPAIGNS, "end_date");
  static final int C_COST = at(Entity.CAMPAIGNS, "cost");
  static final int C_CURRENCY = at(Entity.CAMPAIGNS, "currency");
  static final int C_UPDATED_AT = at(Entity.CAMPAIGNS, "updated_at");
  static final int C_IS_DELETED = at(Entity.CAMPAIGNS, "is_deleted");

  static final int R_RESPONSE_ID = at(Entity.CAMPAIGN_RESPONSES, "response_id");
  static final int R_CAMPAIGN_ID = at(Entity.CAMPAIGN_RESPONSES, "campaign_id");
  static final int R_LEAD_ID = at(Entity.CAMPAIGN_RESPONSES, "lead_id");
  static final int R_CONTACT_ID = at(Entity.CAMPAIGN_RESPONSES, "contact_id");
  static final int R_RESPONSE_TYPE = at(Entity.CAMPAIGN_RESPONSES, "response_type");
  static final int R_RESPONDED_AT = at(Entity.CAMPAIGN_RESPONSES, "responded_at");
  static final int R_CHANNEL = at(Entity.CAMPAIGN_RESPONSES, "channel");
  static final int R_CONTENT_ID = at(Entity.CAMPAIGN_RESPONSES, "content_id");
  static final int R_PAGE = at(Entity.CAMPAIGN_RESPONSES, "page");

  static final int T_ACTIVITY_ID = at(Entity.SALES_ACTIVITIES, "activity_id");
  static final int T_LEAD_ID = at(Entity.SALES_ACTIVITIES, "lead_id");
  static final int T_CONTACT_ID = at(Entity.SALES_ACTIVITIES, "contact_id");
  static final int T_OPPORTUNITY_ID = at(Entity.SALES_ACTIVITIES, "opportunity_id");
  static final int T_REP_ID = at(Entity.SALES_ACTIVITIES, "rep_id");
  static final int T_ACTIVITY_TYPE = at(Entity.SALES_ACTIVITIES, "activity_type");
  static final int T_ACTIVITY_AT = at(Entity.SALES_ACTIVITIES, "activity_at");
  static final int T_DURATION_MINUTES = at(Entity.SALES_ACTIVITIES, "duration_minutes");
  static final int T_OUTCOME = at(Entity.SALES_ACTIVITIES, "outcome");

  static final int O_OPPORTUNITY_ID = at(Entity.OPPORTUNITIES, "opportunity_id");
  static final int O_ACCOUNT_ID = at(Entity.OPPORTUNITIES, "account_id");
  static final int O_CONVERTED_FROM_LEAD_ID = at(Entity.OPPORTUNITIES, "converted_from_lead_id");
  static final int O_CREATED_AT = at(Entity.OPPORTUNITIES, "created_at");
  static final int O_CLOSE_DATE = at(Entity.OPPORTUNITIES, "close_date");
  static final int O_STAGE = at(Entity.OPPORTUNITIES, "stage");
  static final int O_AMOUNT = at(Entity.OPPORTUNITIES, "amount");
  static final int O_CURRENCY = at(Entity.OPPORTUNITIES, "currency");
  static final int O_IS_WON = at(Entity.OPPORTUNITIES, "is_won");
  static final int O_IS_CLOSED = at(Entity.OPPORTUNITIES, "is_closed");
  static final int O_OWNER_ID = at(Entity.OPPORTUNITIES, "owner_id");
  static final int O_LEAD_SOURCE = at(Entity.OPPORTUNITIES, "lead_source");
  static final int O_SOURCED_BY = at(Entity.OPPORTUNITIES, "sourced_by");
  static final int O_PRIMARY_CAMPAIGN_ID = at(Entity.OPPORTUNITIES, "primary_campaign_id");
  static final int O_OPPORTUNITY_TYPE = at(Entity.OPPORTUNITIES, "opportunity_type");
  static final int O_LOST_REASON = at(Entity.OPPORTUNITIES, "lost_reason");
  static final int O_UPDATED_AT = at(Entity.OPPORTUNITIES, "updated_at");
  static final int O_IS_DELETED = at(Entity.OPPORTUNITIES, "is_deleted");

  static final int S_OPPORTUNITY_ID = at(Entity.OPPORTUNITY_STAGE_HISTORY, "opportunity_id");
  static final int S_CHANGED_AT = at(Entity.OPPORTUNITY_STAGE_HISTORY, "changed_at");
  static final int S_STAGE = at(Entity.OPPORTUNITY_STAGE_HISTORY, "stage");
  static final int S_AMOUNT = at(Entity.OPPORTUNITY_STAGE_HISTORY, "amount");
  static final int S_CURRENCY = at(Entity.OPPORTUNITY_STAGE_HISTORY, "currency");

  static final int CR_OPPORTUNITY_ID = at(Entity.OPPORTUNITY_CONTACT_ROLES, "opportunity_id");
  static final int CR_CONTACT_ID = at(Entity.OPPORTUNITY_CONTACT_ROLES, "contact_id");
  static final int CR_LEAD_ID = at(Entity.OPPORTUNITY_CONTACT_ROLES, "lead_id");
  static final int CR_ROLE = at(Entity.OPPORTUNITY_CONTACT_ROLES, "role");
  static final int CR_IS_PRIMARY = at(Entity.OPPORTUNITY_CONTACT_ROLES, "is_primary");
  static final int CR_CREATED_AT = at(Entity.OPPORTUNITY_CONTACT_ROLES, "created_at");
  static final int CR_UPDATED_AT = at(Entity.OPPORTUNITY_CONTACT_ROLES, "updated_at");

  static final int U_REP_ID = at(Entity.REPS, "rep_id");
  static final int U_NAME = at(Entity.REPS, "name");
  static final int U_EMAIL = at(Entity.REPS, "email");
  static final int U_TEAM = at(Entity.REPS, "team");
  static final int U_ROLE = at(Entity.REPS, "role");
  static final int U_MONTHLY_CAPACITY_HOURS = at(Entity.REPS, "monthly_capacity_hours");
  static final int U_IS_ACTIVE = at(Entity.REPS, "is_active");
  static final int U_START_DATE = at(Entity.REPS, "start_date");
  static final int U_END_DATE = at(Entity.REPS, "end_date");
  static final int U_UPDATED_AT = at(Entity.REPS, "updated_at");

  static final int K_CONTENT_ID = at(Entity.CONTENT_ASSETS, "content_id");
  static final int K_TITLE = at(Entity.CONTENT_ASSETS, "title");
  static final int K_ASSET_TYPE = at(Entity.CONTENT_ASSETS, "asset_type");
  static final int K_TARGET_PERSONA = at(Entity.CONTENT_ASSETS, "target_persona");
  static final int K_FUNNEL_STAGE = at(Entity.CONTENT_ASSETS, "funnel_stage");
  static final int K_PUBLISHED_AT = at(Entity.CONTENT_ASSETS, "published_at");
  static final int K_UPDATED_AT = at(Entity.CONTENT_ASSETS, "updated_at");

  static final int X_CURRENCY = at(Entity.CURRENCY_RATES, "currency");
  static final int X_RATE_DATE = at(Entity.CURRENCY_RATES, "rate_date");
  static final int X_RATE = at(Entity.CURRENCY_RATES, "rate");
  static final int X_QUOTE_CURRENCY = at(Entity.CURRENCY_RATES, "quote_currency");

  private static int at(Entity e, String field) {
    int i = e.fieldNames().indexOf(field);
    if (i < 0) {
      throw new IllegalStateException(e.table() + " has no field " + field);
    }
    return i;
  }
}
