package uk.hallmonitor.schools.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;

/**
 * The administrator's changes to schools and staff: settings, roles, password resets, unlocking, and the staff
 * import from a school's MIS ({@code POST /api/v1/schools/{id}/staff-imports}).
 */
@RestController
@RequestMapping("/api/v1")
record StaffAdminController(StaffAdministration administration) {

    /** Only the fields given change. */
    record SchoolChange(@Size(max = 200, message = "at most 200 characters") String name,
                        @Size(max = 60, message = "at most 60 characters") String timezone,
                        String bankHolidayRegion,
                        @Size(max = 40, message = "at most 40 characters") String policyVersion) {
    }

    record Roles(@NotEmpty(message = "give at least one role") @Size(max = 7)
                 List<@NotNull(message = "unknown role") Role> roles) {
    }

    /**
     * A staff list to import.
     *
     * @param csv          the file as exported by the MIS (header row first)
     * @param columns      Hallmonitor field ({@code fullName}, {@code firstName}, {@code lastName}, {@code email},
     *                     {@code username}, {@code roles}) to the file's column header; empty guesses from the header
     * @param defaultRoles roles of people whose row names none (STAFF when empty)
     * @param dryRun       read and report without storing anything
     */
    record StaffImportRequest(@NotBlank(message = "send the CSV file's text") @Size(max = 1_000_000,
            message = "at most 1,000,000 characters; split the file") String csv,
                              Map<String, String> columns,
                              List<@NotNull(message = "unknown role") Role> defaultRoles,
                              Boolean dryRun) {
    }

    @PatchMapping("/schools/{id}")
    Mono<StaffViews.School> changeSchool(@PathVariable String id, @Valid @RequestBody SchoolChange change) {
        return Callers.current().flatMap(caller -> administration.changeSchool(caller, id,
                new StaffAdministration.SchoolSettings(change.name(), change.timezone(),
                        change.bankHolidayRegion(), change.policyVersion())))
                .map(StaffViews.School::of);
    }

    @PutMapping("/staff/{id}/roles")
    Mono<StaffViews.Staff> roles(@PathVariable String id, @Valid @RequestBody Roles roles) {
        return Callers.current().flatMap(caller -> administration.setRoles(caller, id, roles.roles()))
                .map(StaffViews::safe);
    }

    /** The new password, once; it is not stored anywhere but as a hash. */
    record Reset(String staffId, String username, String temporaryPassword) {

        @Override
        public String toString() {
            return "Reset[" + username + ", temporaryPassword=(redacted)]";
        }
    }

    @PostMapping("/staff/{id}/password-reset")
    Mono<ResponseEntity<Reset>> resetPassword(@PathVariable String id) {
        return Callers.current().flatMap(caller -> administration.resetPassword(caller, id))
                .map(reset -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                        .body(new Reset(reset.staffId(), reset.username(), reset.password())));
    }

    @PostMapping("/schools/{id}/staff-imports")
    Mono<ResponseEntity<StaffAdministration.ImportResult>> importStaff(@PathVariable String id,
                                                                       @Valid @RequestBody StaffImportRequest request) {
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        return Callers.current().flatMap(caller -> administration.importStaff(caller, id, request.csv(),
                request.columns(), request.defaultRoles(), dryRun))
                .map(result -> ResponseEntity.status(dryRun ? HttpStatus.OK : HttpStatus.CREATED).body(result));
    }
}
