package uk.hallmonitor.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;

/** The shared pieces of a list endpoint: its filters, its school scope and its page. */
class PagedQueryTests {

    private static final Role[] READERS = {Role.DSL, Role.ADMIN};

    @Test
    void aFilterLeftNullIsNotAppliedAndTheOthersAreEqualities() {
        Criteria criteria = PagedQuery.matching(Criteria.where("flagged").is(true))
                .is("schoolId", null).is("state", "OPEN").is("owner", null).is("severity", 3).criteria();

        assertThat(criteria.getCriteriaObject())
                .isEqualTo(new Document(Map.of("flagged", true, "state", "OPEN", "severity", 3)));
    }

    @Test
    void everythingHasNoFilterUntilOneIsGiven() {
        assertThat(PagedQuery.everything().is("schoolId", null).criteria().getCriteriaObject()).isEmpty();
    }

    @Test
    void aPageKeepsItsPlaceAndTotalWhenItsItemsAreReplaced() {
        PageResponse<Integer> page = new PageResponse<>(List.of(1, 2), 3, 2, 9);

        assertThat(page.withItems(List.of("one", "two")))
                .isEqualTo(new PageResponse<>(List.of("one", "two"), 3, 2, 9));
    }

    @Test
    void aReaderWhoNamesNoSchoolReadsTheirOwnAndAnAdministratorReadsEvery() {
        Caller dsl = new Caller("s1", "dsl", "oak", Set.of(Role.DSL));
        Caller admin = new Caller("s2", "admin", null, Set.of(Role.ADMIN));

        StepVerifier.create(SchoolScopedPages.forReaders(dsl, null, READERS, "for the DSL",
                school -> Mono.just(String.valueOf(school)))).expectNext("oak").verifyComplete();
        StepVerifier.create(SchoolScopedPages.forReaders(admin, null, READERS, "for the DSL",
                school -> Mono.just(String.valueOf(school)))).expectNext("null").verifyComplete();
    }

    @Test
    void anotherSchoolIsNotFoundAndAMissingRoleIsForbiddenWithTheReason() {
        Caller dsl = new Caller("s1", "dsl", "oak", Set.of(Role.DSL));
        Caller moderator = new Caller("s3", "mod", "oak", Set.of(Role.MODERATOR));

        StepVerifier.create(SchoolScopedPages.forReaders(dsl, "elm", READERS, "for the DSL", Mono::just))
                .expectErrorSatisfies(e -> assertThat(((ErrorResponseException) e).getStatusCode())
                        .isEqualTo(HttpStatus.NOT_FOUND))
                .verify();
        StepVerifier.create(SchoolScopedPages.forReaders(moderator, null, READERS, "for the DSL", Mono::just))
                .expectErrorSatisfies(e -> {
                    assertThat(((ErrorResponseException) e).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(((ErrorResponseException) e).getBody().getDetail()).isEqualTo("for the DSL");
                }).verify();
    }

    private record Note(String id, String schoolId) {
    }

    @Test
    void aRecordOfAnotherSchoolIsNotFoundExactlyLikeNoRecord() {
        Caller dsl = new Caller("s1", "dsl", "oak", Set.of(Role.DSL));

        StepVerifier.create(Mono.just(new Note("n1", "oak"))
                .transform(SchoolScopedPages.visibleTo(dsl, Note::schoolId, "note", "n1")))
                .expectNext(new Note("n1", "oak")).verifyComplete();
        for (Mono<Note> found : List.of(Mono.just(new Note("n2", "elm")), Mono.<Note>empty())) {
            StepVerifier.create(found.transform(SchoolScopedPages.visibleTo(dsl, Note::schoolId, "note", "n2")))
                    .expectErrorSatisfies(e -> {
                        assertThat(((ErrorResponseException) e).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
                        assertThat(((ErrorResponseException) e).getBody().getDetail())
                                .isEqualTo("no note with id n2 that you can see");
                    }).verify();
        }
    }

    @Test
    void aVisibleRecordIsForbiddenWithTheReasonToSomeoneWithoutAReadersRole() {
        Caller moderator = new Caller("s3", "mod", "oak", Set.of(Role.MODERATOR));
        Caller dsl = new Caller("s1", "dsl", "oak", Set.of(Role.DSL));
        Mono<Note> found = Mono.just(new Note("n1", "oak"));

        StepVerifier.create(found.transform(SchoolScopedPages.readableBy(moderator, Note::schoolId, "note", "n1",
                READERS, "notes are for the DSL")))
                .expectErrorSatisfies(e -> assertThat(((ErrorResponseException) e).getBody().getDetail())
                        .isEqualTo("notes are for the DSL"))
                .verify();
        StepVerifier.create(found.transform(SchoolScopedPages.readableBy(dsl, Note::schoolId, "note", "n1",
                READERS, "notes are for the DSL")))
                .expectNext(new Note("n1", "oak")).verifyComplete();
    }
}
