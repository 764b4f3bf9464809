package uk.hallmonitor.privacy.internal;

import static uk.hallmonitor.privacy.internal.CollectionMentions.values;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import uk.hallmonitor.privacy.SubjectData;
import uk.hallmonitor.privacy.internal.CollectionMentions.Spec;

/**
 * The {@link SubjectData} contributors: one per collection that can mention a member of the public (their posts,
 * handle, or words about them) or a member of staff. A collection added without one fails
 * {@code SubjectDataCoverageTests} until it is described here or exempted there with the reason.
 */
@Configuration(proxyBeanMethods = false)
class SubjectDataConfiguration {

    private static final String TOMBSTONE = SubjectData.TOMBSTONE;
    private static final String STAFF_DUTY = "a record of what the school did and who did it, kept for the school's"
            + " accountability (public task) for its retention period";

    @Bean
    SubjectData postsSubjectData(ReactiveMongoTemplate mongo) {
        // the post's platform id stays: without it the poller would collect the erased post again
        return new CollectionMentions(mongo, Spec.of("posts").posts("_id").author("authorHandle", "platform", "text")
                .erase(values("text", TOMBSTONE, "authorHandle", TOMBSTONE, "authorId", null, "url", null,
                        "history", List.of())));
    }

    @Bean
    SubjectData verdictsSubjectData(ReactiveMongoTemplate mongo) {
        // kept as a count: the verdict loses the words the classifier quoted from the post
        return new CollectionMentions(mongo, Spec.of("verdicts").posts("_id").erase(values("explanation", List.of()))
                .staff(STAFF_DUTY, "actions.staffId"));
    }

    @Bean
    SubjectData clocksSubjectData(ReactiveMongoTemplate mongo) {
        return new CollectionMentions(mongo, Spec.of("sla_clocks").posts("postId").erase(values("note", null))
                .staff(STAFF_DUTY, "metBy"));
    }

    @Bean
    SubjectData alertsSubjectData(ReactiveMongoTemplate mongo) {
        // an email alert quotes the author and an excerpt (and so may mention the person in someone else's words);
        // a member of staff's name and address are replaced
        return new CollectionMentions(mongo, Spec.of("alerts").source("sourceKey")
                .author(null, null, "body").erase(values("body", TOMBSTONE))
                .staffErased(values("recipientName", TOMBSTONE, "address", null), "recipientStaffId"));
    }

    @Bean
    SubjectData alertReadsSubjectData(ReactiveMongoTemplate mongo) {
        return new CollectionMentions(mongo, Spec.of("alert_reads").noSchool()
                .staff("a record that the alert reached the person it was for (accountability)", "staffId"));
    }

    @Bean
    SubjectData safeguardingAlertsSubjectData(ReactiveMongoTemplate mongo) {
        return new CollectionMentions(mongo, Spec.of("safeguarding_alerts").posts("_id").erase(values("note", null))
                .staff("a safeguarding record: who was told and who acknowledged it is kept (legal obligation)",
                        "acknowledgedBy", "escalations.staffIds"));
    }

    @Bean
    SubjectData feedbackSubjectData(ReactiveMongoTemplate mongo) {
        return new CollectionMentions(mongo, Spec.of("classifier_feedback").noSchool().posts("_id")
                .erase(values("text", TOMBSTONE)));
    }

    @Bean
    SubjectData incidentsSubjectData(ReactiveMongoTemplate mongo) {
        return new CollectionMentions(mongo, Spec.of("incidents").posts("postIds")
                .staff(STAFF_DUTY, "owner"));
    }

    @Bean
    SubjectData staffSubjectData(ReactiveMongoTemplate mongo) {
        return new CollectionMentions(mongo, Spec.of("staff").omit("passwordHash", "apiTokens")
                .staff("a member of staff's record is kept while they work at the school and then under its staff"
                        + " records policy; mark them as a leaver (POST /api/v1/staff/{id}/leave)", "_id"));
    }

    @Bean
    SubjectData accountsSubjectData(ReactiveMongoTemplate mongo) {
        return new CollectionMentions(mongo, Spec.of("accounts").omit("connection")
                .staff("who runs a school account is the school's governance record (R2)", "runnerIds"));
    }

    @Bean
    SubjectData applicationsSubjectData(ReactiveMongoTemplate mongo) {
        return new CollectionMentions(mongo, Spec.of("applications")
                .staff("the business case for an account is the school's governance record (R1)", "applicantId",
                        "runnerIds"));
    }

    @Bean
    SubjectData credentialsSubjectData(ReactiveMongoTemplate mongo) {
        return new CollectionMentions(mongo, Spec.of("credentials").omit("ciphertext")
                .staff("who knew a password is needed to rotate it when they leave (R3)", "knownBy"));
    }
}
