package uk.hallmonitor.moderation;

/**
 * A moderator's action on a flagged post, as posted to {@code /api/v1/posts/{id}/actions}.
 *
 * @param action           {@code DISMISS}, {@code HIDE}, {@code DELETE}, {@code BLOCK_AUTHOR}, {@code REPORT} or
 *                         {@code ESCALATE}
 * @param note             why (required, at most 2,000 characters)
 * @param audienceInformed what the audience was told, if anything (at most 2,000 characters)
 * @param version          the item's version the moderator saw; needed to act again on an item already acted on
 * @param postGone         the moderator found the post already deleted on the platform
 */
public record ActionRequest(String action, String note, String audienceInformed, Long version, Boolean postGone) {
}
