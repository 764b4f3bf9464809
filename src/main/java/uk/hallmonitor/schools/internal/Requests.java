package uk.hallmonitor.schools.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Verbatim;

/** The request bodies of the schools and staff endpoints, with their limits. */
final class Requests {

    private Requests() {
    }

    record NewSchool(
            @NotBlank(message = "give the school's name") @Size(max = 200, message = "at most 200 characters") String name,
            @Pattern(regexp = "\\d{6,7}", message = "a URN is 6 or 7 digits") String urn,
            @Size(max = 60) String timezone,
            @Pattern(regexp = "england-and-wales|scotland|northern-ireland",
                    message = "one of england-and-wales, scotland, northern-ireland") String bankHolidayRegion,
            @Size(max = 40, message = "at most 40 characters") String policyVersion) {
    }

    record NewStaff(
            @NotBlank(message = "name the school the person belongs to") @Size(max = 64) String schoolId,
            @NotBlank(message = "give the person's full name") @Size(max = 200, message = "at most 200 characters") String name,
            @NotBlank(message = "give an email address for alerts") @Email(message = "not an email address")
            @Size(max = 254) String email,
            @NotBlank(message = "choose a username")
            @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "3 to 64 letters, digits, dots, dashes or underscores")
            String username,
            @NotNull(message = "set a password of at least 8 characters including a number") @Verbatim String password,
            @NotEmpty(message = "give at least one role") @Size(max = 7) List<@NotNull(message = "unknown role") Role> roles) {
    }

    record NewAcknowledgement(
            @NotBlank(message = "name the policy version signed") @Size(max = 40, message = "at most 40 characters") String policyVersion,
            @NotNull(message = "give the date it was signed (YYYY-MM-DD)") LocalDate signedOn) {
    }

    record NewTraining(
            @NotBlank(message = "name the course") @Size(max = 200, message = "at most 200 characters") String course,
            @NotNull(message = "give the date it was completed (YYYY-MM-DD)") LocalDate completedOn,
            LocalDate expiresOn) {
    }

    record NewToken(@NotBlank(message = "name the token, e.g. the script that uses it")
                    @Size(max = 100, message = "at most 100 characters") String name) {
    }
}
