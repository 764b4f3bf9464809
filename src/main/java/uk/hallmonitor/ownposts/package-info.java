/**
 * Own-post checks (R10): the school's pupil roster and no-publish list, imported from its MIS export (SIMS, Arbor,
 * Bromcom) and kept sealed with the vault's keys ({@link uk.hallmonitor.vault.DataSeal}), readable only by ADMIN,
 * SLT and the DSL; a name finder (OpenNLP dictionary name finders over the roster plus rules for titles, initials,
 * possessives, hashtags and names that are also words) and the classifier's personal-data rules, run on a draft a
 * runner pastes ({@link uk.hallmonitor.ownposts.OwnPostChecks}) and on each of the school accounts' own posts as
 * monitoring stores it. A finding in an arrived post is recorded once per post and told at once to the account's
 * runners and the school's moderators (a no-publish pupil: HIGH, and the DSL) through the
 * {@link uk.hallmonitor.alerts.Notices} of alerts, without the pupil's name; its resolution ("deleted on the platform",
 * "consent confirmed", "not a pupil") is kept here ({@link uk.hallmonitor.ownposts.OwnPostFindings}), not in the
 * moderation queue. Uses schools, accounts, monitoring, alerts, classification, vault and audit.
 * <p>
 * Departure from STYLE.md's table (which has no ownposts row): it uses {@code schools}, {@code accounts}, {@code
 * vault} (sealing), {@code monitoring} (arriving posts), {@code classification} (personal-data rules) and {@code
 * alerts} (notices), as said above.
 */
package uk.hallmonitor.ownposts;
