package uk.hallmonitor;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * The role and school matrix of the foundation's endpoints: a member of another school gets 404 for every id of
 * this school (never 403, which would confirm the id exists), and within the school each role gets what API.md says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchoolIsolationTests extends AppTestSupport {

    private ActiveAccount home;
    private Map<String, Person> people;
    private String applicationId;

    @BeforeAll
    void setUp() {
        home = activeAccount("X", "777", null);
        String otherSchool = newSchool();
        applicationId = submittedApplication(home.applicant(), home.runner1(), home.runner2());
        people = Map.of(
                "outsider-slt", newStaff(otherSchool, "SLT"),
                "outsider-staff", newStaff(otherSchool, "STAFF"),
                "staff", newStaff(home.schoolId(), "STAFF"),
                "governor", newStaff(home.schoolId(), "GOVERNOR"),
                "moderator", newStaff(home.schoolId(), "MODERATOR"),
                "slt", home.slt(),
                "runner", home.runner1());
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            GET  | /api/v1/schools/{school}                | outsider-slt   | 404
            GET  | /api/v1/schools/{school}                | staff          | 200
            GET  | /api/v1/staff/{slt}                     | outsider-slt   | 404
            GET  | /api/v1/staff/{slt}                     | governor       | 200
            GET  | /api/v1/staff?schoolId={school}         | outsider-slt   | 404
            POST | /api/v1/staff/{runner}/acknowledgements | outsider-slt   | 404
            POST | /api/v1/staff/{runner}/training         | outsider-slt   | 404
            POST | /api/v1/staff/{runner}/training         | staff          | 403
            POST | /api/v1/staff/{runner}/leave            | outsider-slt   | 404
            POST | /api/v1/staff/{runner}/leave            | moderator      | 403
            GET  | /api/v1/applications/{application}      | outsider-staff | 404
            GET  | /api/v1/applications/{application}      | staff          | 200
            GET  | /api/v1/applications?schoolId={school}  | outsider-slt   | 404
            POST | /api/v1/applications/{application}/approve  | outsider-slt | 404
            POST | /api/v1/applications/{application}/approve  | moderator    | 403
            POST | /api/v1/applications/{application}/reject   | outsider-slt | 404
            POST | /api/v1/applications/{application}/submit   | outsider-staff | 404
            POST | /api/v1/applications/{application}/withdraw | outsider-staff | 404
            GET  | /api/v1/accounts/{account}              | outsider-slt   | 404
            GET  | /api/v1/accounts/{account}              | runner         | 200
            GET  | /api/v1/accounts?schoolId={school}      | outsider-slt   | 404
            POST | /api/v1/accounts/{account}/activate     | outsider-slt   | 404
            POST | /api/v1/accounts/{account}/activate     | slt            | 403
            POST | /api/v1/accounts/{account}/runners      | outsider-slt   | 404
            POST | /api/v1/accounts/{account}/runners      | runner         | 403
            POST | /api/v1/accounts/{account}/close        | outsider-slt   | 404
            POST | /api/v1/accounts/{account}/close        | moderator      | 403
            GET  | /api/v1/audit?schoolId={school}         | outsider-slt   | 404
            GET  | /api/v1/audit                           | governor       | 200
            GET  | /api/v1/audit                           | staff          | 403
            GET  | /api/v1/audit/verify                    | staff          | 403
            """)
    void eachRoleGetsWhatItMay(String method, String path, String who, int status) {
        String uri = path.replace("{school}", home.schoolId()).replace("{slt}", home.slt().id())
                .replace("{runner}", home.runner2().id()).replace("{application}", applicationId)
                .replace("{account}", home.accountId());
        Map<String, Object> body = Map.of("policyVersion", "2026", "signedOn", "2026-11-01", "course", "c",
                "completedOn", "2026-11-01", "reason", "because", "platformAccountId", "1",
                "runnerIds", List.of(home.runner1().id(), home.runner2().id()));
        var request = as(people.get(who)).method(HttpMethod.valueOf(method)).uri(uri);
        var response = "POST".equals(method)
                ? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                : request.exchange();
        response.expectStatus().isEqualTo(status);
    }
}
