package uk.hallmonitor.moderation.internal;

/**
 * A moderator's action on a flagged post, as posted to {@code /api/v1/posts/{id}/actions}.
 *
 * @param action           {@code DISMISS}, {@code HIDE}, {@code DELETE}, {@code BLOCK_AUTHOR}, {@code REPORT},
 *                         {@code ESCALATE} or {@code REPLY}
 * @param note             why (required, at most 2,000 characters)
 * @param audienceInformed what the audience was told, if anything (at most 2,000 characters)
 * @param version          the item's version the moderator saw; needed to act again on an item already acted on
 * @param postGone         the moderator found the post already deleted on the platform
 * @param replyText        for {@code REPLY}: the answer posted as the school account (required, at most 2,000
 *                         characters); refused with any other action
 */
public record ActionRequest(String action, String note, String audienceInformed, Long version, Boolean postGone,
                            String replyText) {

    /** An action that posts nothing. */
    public ActionRequest(String action, String note, String audienceInformed, Long version, Boolean postGone) {
        this(action, note, audienceInformed, version, postGone, null);
    }
}
