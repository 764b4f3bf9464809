package uk.hallmonitor.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import uk.hallmonitor.audit.ChainHead;
import uk.hallmonitor.sla.ComplianceFigures;

/**
 * The weekly leadership report of one school. It names no post content and no author: incident numbers,
 * categories and counts only, so it may go to governors and by email.
 *
 * @param schoolId     the school
 * @param schoolName   its name
 * @param timezone     the school's time zone, in which the week runs
 * @param week         the ISO week, e.g. {@code 2026-W47}
 * @param from         start of the week in the school's time zone
 * @param to           end of the week (exclusive)
 * @param generatedAt  when the report was made
 * @param weekComplete whether the week had ended when it was made (otherwise the figures are so far)
 * @param summary      the report in two sentences, also when there is nothing to report
 * @param incidents    the incident log over the week
 * @param responses    response-time compliance over the week
 * @param accounts     the account register at the time of the report
 * @param auditChain   the audit chain's latest anchor (sequence number and MAC) when the report was made, so that a
 *                     later truncation or rewrite of the trail can be shown against a copy kept outside the service;
 *                     absent before the first keyed entry
 * @param moderation   flagged posts by category and severity, safeguarding alerts with the time each took to be
 *                     acknowledged, and escalations over the week
 * @param flagged      posts the classifier flagged during the week (counts only)
 * @param trend        compliance of the eight weeks ending with this one, oldest first
 */
public record WeeklyReport(String schoolId, String schoolName, ZoneId timezone, String week, Instant from, Instant to,
                           Instant generatedAt, boolean weekComplete, String summary, Incidents incidents,
                           Responses responses, Accounts accounts, ChainHead auditChain,
                           uk.hallmonitor.moderation.ModerationWeek moderation, Flagged flagged,
                           List<WeekCompliance> trend) {

    /**
     * Incidents over the week.
     *
     * @param opened             logged during the week
     * @param closed             closed during the week
     * @param openAtEnd          not closed by the end of the week (including ones carried over)
     * @param openedByCategory   the week's new incidents by category
     * @param openedBySeverity   the week's new incidents by severity
     * @param items              every incident open at some time in the week, oldest first
     */
    public record Incidents(int opened, int closed, int openAtEnd, Map<String, Integer> openedByCategory,
                     Map<String, Integer> openedBySeverity, List<IncidentLine> items) {
    }

    /** One incident: its number, kind and where it stands; never the post's content. */
    public record IncidentLine(String id, String category, String severity, String status, Instant openedAt,
                        Instant closedAt) {
    }

    /**
     * Response-time compliance.
     *
     * @param school   over every account of the school
     * @param accounts per account, including accounts that received nothing
     */
    public record Responses(ComplianceFigures school, List<AccountResponses> accounts) {
    }

    /** One account's compliance. */
    public record AccountResponses(String accountId, String platform, String handle, String status,
                            ComplianceFigures figures) {
    }

    /**
     * The account register.
     *
     * @param total         accounts on the register, closed ones included
     * @param byStatus      how many in each status
     * @param needingRunner accounts left without enough current runners, as {@code PLATFORM handle}
     */
    public record Accounts(int total, Map<String, Integer> byStatus, List<String> needingRunner) {
    }

    /**
     * Posts flagged during the week: how many, how many went to the DSL, how many were sealed as suspected illegal,
     * how many nobody has acted on yet, by main category and by severity. Never content or authors.
     */
    public record Flagged(long flagged, long safeguarding, long suspectedIllegal, long stillOpen,
                          Map<String, Long> byCategory, Map<String, Long> bySeverity) {
    }

    /**
     * One week's response-time compliance, for the eight-week trend.
     *
     * @param week       the ISO week
     * @param soFar      whether the week was not over when the report was made
     * @param decided    items whose outcome is known (met on time, late or not replied to by the due time)
     * @param metOnTime  of which met on time
     * @param compliance {@code metOnTime / decided}, or {@code null} when nothing was decided
     */
    public record WeekCompliance(String week, boolean soFar, long decided, long metOnTime, Double compliance) {
    }
}
