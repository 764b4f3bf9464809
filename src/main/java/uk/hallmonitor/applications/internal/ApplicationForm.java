package uk.hallmonitor.applications.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import uk.hallmonitor.system.Platform;

/** The business case as submitted, with the limits of each field. */
public record ApplicationForm(
        @NotBlank(message = "name the school the account is for") @Size(max = 64) String schoolId,
        @NotNull(message = "choose a platform: X, BLUESKY, MASTODON, FACEBOOK, INSTAGRAM, YOUTUBE, RSS or OTHER") Platform platform,
        @NotBlank(message = "give the proposed handle") @Size(max = 100, message = "at most 100 characters") String handle,
        @NotBlank(message = "say what the account is for") @Size(max = 4000, message = "at most 4000 characters") String aim,
        @NotBlank(message = "say who the intended audience is") @Size(max = 2000, message = "at most 2000 characters") String audience,
        @NotBlank(message = "say how the account will be promoted") @Size(max = 2000, message = "at most 2000 characters") String promotion,
        @NotNull(message = "name at least two staff members who will run the account")
        @Size(min = 2, max = 20, message = "name between two and twenty runners") List<@NotBlank(message = "a runner id is empty") String> runnerIds,
        @NotNull(message = "say whether the account is OPEN or CLOSED")
        @Pattern(regexp = "OPEN|CLOSED", message = "must be OPEN or CLOSED") String visibility) {
}
