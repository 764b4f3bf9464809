/**
 * The business case for a new school account (R1, policy 002 "Process for creating new accounts"): a member of
 * staff drafts an application naming the platform, handle, aim, audience, promotion plan, at least two runners and
 * whether the account is open or closed; SLT of the school (never the applicant) approve or reject it with a reason.
 * Approval is refused while any runner lacks a current policy acknowledgement or training. Every step is kept in the
 * application's history; approval publishes {@link ApplicationApproved}, from which the account register opens the
 * account.
 */
package uk.hallmonitor.applications;
