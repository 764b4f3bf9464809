package uk.hallmonitor.accounts.internal;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import uk.hallmonitor.accounts.AccountStatus;

/** The dormant-account review (R2): a live account with no activity for {@code dormantAfter} is due a review. */
public final class AccountReview {

    private AccountReview() {
    }

    /** The time since which the account has been quiet: its last activity, or its activation. */
    public static Instant quietSince(AccountDocument a) {
        return a.lastActivityAt() != null ? a.lastActivityAt() : a.activatedAt();
    }

    public static boolean due(AccountDocument a, Period dormantAfter, Instant now) {
        Instant since = quietSince(a);
        boolean live = a.status() == AccountStatus.ACTIVE || a.status() == AccountStatus.NEEDS_RUNNER;
        return live && since != null && since.atZone(ZoneOffset.UTC).plus(dormantAfter).toInstant().isBefore(now);
    }
}
