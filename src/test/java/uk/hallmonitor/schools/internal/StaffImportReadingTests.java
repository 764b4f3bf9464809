package uk.hallmonitor.schools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.system.security.Role;

/** Reading MIS exports: the guessed column mapping and the roles read from job titles. */
class StaffImportReadingTests {

    @Test
    void headersOfSimsArborAndBromcomAreGuessed() {
        assertThat(StaffImport.guess(List.of("Legal Surname", "Legal Forename", "Work Email", "Staff Role")))
                .containsEntry("lastName", "Legal Surname").containsEntry("firstName", "Legal Forename")
                .containsEntry("email", "Work Email").containsEntry("roles", "Staff Role");
        assertThat(StaffImport.guess(List.of("Name", "Email Address"))).isEqualTo(Map.of("fullName", "Name",
                "email", "Email Address"));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            Teacher,                         STAFF
            Deputy Headteacher,              SLT STAFF
            Headteacher,                     HEADTEACHER STAFF
            Designated Safeguarding Lead,    DSL STAFF
            Chair of Governors,              GOVERNOR
            MODERATOR;STAFF,                 MODERATOR STAFF
            """)
    void jobTitlesBecomeRolesAndOtherTitlesGetTheDefault(String title, String expected) {
        var reading =
                StaffImport.read(List.of(List.of("Name", "Email", "Role"), List.of("Ada Okafor", "ada@x.uk", title)),
                        Map.of("fullName", "Name", "email", "Email", "roles", "Role"), EnumSet.of(Role.STAFF));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : expected.split(" ")) {
            roles.add(Role.valueOf(name));
        }
        assertThat(reading.problems()).isEmpty();
        assertThat(reading.rows().get(0).roles()).isEqualTo(roles);
    }

    @Test
    void theAdminRoleIsNeverImported() {
        var reading =
                StaffImport.read(List.of(List.of("Name", "Email", "Role"), List.of("Ada Okafor", "ada@x.uk", "Admin")),
                        Map.of("fullName", "Name", "email", "Email", "roles", "Role"), EnumSet.of(Role.STAFF));
        assertThat(reading.rows()).isEmpty();
        assertThat(reading.problems()).extracting(StaffImport.RowProblem::field).containsExactly("roles");
    }
}
