package uk.hallmonitor.monitoring.internal;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;

/** Exported comments of a platform without a usable API are stored like polled posts, once, by the right people. */
class CommentImportTests extends AppTestSupport {

    private static final String CSV = """
            id,author,text,postedAt
            fb-1,parent_a,When is the Christmas fair?,2026-11-15T09:30:00Z
            fb-2,parent_b,Thank you for the concert,2026-11-15T10:00:00Z
            fb-3,parent_c,bad row,yesterday
            """;

    @Test
    void anExportIsStoredOnceAndBadRowsAreReported() {
        ActiveAccount account = activeAccount("FACEBOOK", "fb-page-1", null);
        as(account.runner1()).post().uri("/api/v1/accounts/{id}/imports?fileName=comments.csv", account.accountId())
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(CSV.getBytes())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.stored").isEqualTo(2).jsonPath("$.unchanged").isEqualTo(0)
                .jsonPath("$.errors.length()").isEqualTo(1);
        as(account.runner1()).post().uri("/api/v1/accounts/{id}/imports?fileName=comments.csv", account.accountId())
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(CSV.getBytes())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.stored").isEqualTo(0).jsonPath("$.unchanged").isEqualTo(2);
    }

    @Test
    void outsidersWrongRolesAndBadFilesAreRefused() {
        ActiveAccount account = activeAccount("FACEBOOK", "fb-page-2", null);
        Person outsider = newStaff(newSchool(), "SLT");
        Person governor = newStaff(account.schoolId(), "GOVERNOR");
        as(outsider).post().uri("/api/v1/accounts/{id}/imports?fileName=c.csv", account.accountId())
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(CSV.getBytes())
                .exchange().expectStatus().isNotFound();
        as(governor).post().uri("/api/v1/accounts/{id}/imports?fileName=c.csv", account.accountId())
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(CSV.getBytes())
                .exchange().expectStatus().isForbidden();
        as(account.slt()).post().uri("/api/v1/accounts/{id}/imports?fileName=c.txt", account.accountId())
                .contentType(MediaType.TEXT_PLAIN).bodyValue(CSV.getBytes())
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("fileName");
        as(account.slt()).post().uri("/api/v1/accounts/{id}/imports?fileName=c.csv", account.accountId())
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue("no,header\n".getBytes())
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
    }
}
