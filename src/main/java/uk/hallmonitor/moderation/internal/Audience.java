package uk.hallmonitor.moderation.internal;

import java.util.List;
import uk.hallmonitor.schools.StaffView;

/** The people routing can choose from for one post: the school's moderators, the account's runners, the DSLs. */
record Audience(List<StaffView> moderators, List<StaffView> runners, List<StaffView> dsls) {

    Audience {
        moderators = List.copyOf(moderators);
        runners = List.copyOf(runners);
        dsls = List.copyOf(dsls);
    }
}
