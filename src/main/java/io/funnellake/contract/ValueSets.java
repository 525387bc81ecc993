package io.funnellake.contract;

import io.funnellake.config.StageSettings;
import java.util.List;
import java.util.Map;

/**
 * Allowed values of coded fields. Lead statuses and opportunity stages come from the stage
 * configuration; the others are fixed by the contract.
 */
public final class ValueSets {
  private ValueSets() {}

  public static final List<String> RESPONSE_TYPES =
      List.of(
          "form_fill",
          "webinar_registered",
          "webinar_attended",
          "content_download",
          "email_open",
          "email_click",
          "page_view",
          "ad_click",
          "demo_request",
          "event_attended",
          "chat",
          "direct_visit",
          "other");

  public static final List<String> ACTIVITY_TYPES =
      List.of("call", "email", "meeting", "sms", "video", "social", "other");

  public static final List<String> SOURCED_BY = List.of("marketing", "sales", "partner");

  /** Value set name to allowed canonical values. */
  public static Map<String, List<String>> resolve(StageSettings stages) {
    return Map.of(
        "lead_status", stages.leadStatuses(),
        "opportunity_stage", stages.opportunityStages(),
        "response_type", RESPONSE_TYPES,
        "activity_type", ACTIVITY_TYPES,
        "sourced_by", SOURCED_BY);
  }
}
