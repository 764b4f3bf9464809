package uk.hallmonitor.alerts;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.internal.Alert;
import uk.hallmonitor.alerts.internal.AlertRead;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.PagedQuery;
import uk.hallmonitor.system.web.Problems;

/**
 * The in-app notification centre: the alerts addressed to a person (whatever channel carried them, or failed to),
 * newest first, each read or unread. Reading is recorded beside the outbox ({@link AlertRead}), never by changing
 * the alert, so delivery and reading stay independent.
 */
@Component
public class AlertCentre {

    /**
     * One alert as the centre shows it.
     *
     * @param id        the alert
     * @param subject   its subject
     * @param body      its text
     * @param reason    why this person got it: safeguarding, moderator, runner, or a notice's reason
     * @param channel   how it was sent
     * @param state     where delivery is
     * @param createdAt when it was raised
     * @param postId    the post it is about, or {@code null}
     * @param readAt    when the person read it, or {@code null}
     */
    public record Item(String id, String subject, String body, String reason, Channel channel, AlertState state,
                       Instant createdAt, String postId, Instant readAt) {

        public boolean unread() {
            return readAt == null;
        }

        public boolean safeguarding() {
            return "safeguarding".equals(reason);
        }
    }

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    AlertCentre(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** One page of the person's alerts, newest first; only the unread ones when {@code unreadOnly}. */
    public Mono<PageResponse<Item>> mine(Caller caller, boolean unreadOnly, int page, int size) {
        if (caller.staffId() == null) {
            return Mono.just(new PageResponse<>(List.of(), page, size, 0));
        }
        return readIds(caller.staffId()).flatMap(read -> {
            Criteria criteria = where("recipientStaffId").is(caller.staffId());
            if (unreadOnly) {
                criteria = criteria.and("_id").nin(read.keySet());
            }
            return PagedQuery.matching(criteria)
                    .page(mongo, Alert.class, PagedQuery.newestFirst("createdAt"), page, size)
                    .map(found -> found.withItems(found.items().stream()
                            .map(alert -> item(alert, read.get(alert.id()))).toList()));
        });
    }

    /** How many of the person's alerts are unread. */
    public Mono<Long> unread(Caller caller) {
        if (caller.staffId() == null) {
            return Mono.just(0L);
        }
        // a read record exists only for an alert of this person, so the difference is the unread count
        return mongo.count(query(where("recipientStaffId").is(caller.staffId())), Alert.class)
                .zipWith(mongo.count(query(where("staffId").is(caller.staffId())), AlertRead.class),
                        (all, read) -> Math.max(0, all - read));
    }

    /** How many safeguarding alerts to the person are unread (the DSL's home page). */
    public Mono<Long> unreadSafeguarding(Caller caller) {
        if (caller.staffId() == null) {
            return Mono.just(0L);
        }
        return mongo.count(query(where("recipientStaffId").is(caller.staffId()).and("reason").is("safeguarding")),
                Alert.class)
                .zipWith(mongo.count(query(where("staffId").is(caller.staffId()).and("reason").is("safeguarding")),
                        AlertRead.class), (all, read) -> Math.max(0, all - read));
    }

    /** Marks one of the person's alerts read; answers it. Someone else's alert is a 404, as if it did not exist. */
    public Mono<Item> markRead(Caller caller, String alertId) {
        return mongo.findById(alertId, Alert.class)
                .filter(alert -> caller.staffId() != null && caller.staffId().equals(alert.recipientStaffId()))
                .switchIfEmpty(Mono.error(() -> Problems.notFound("alert", alertId)))
                .flatMap(alert -> {
                    AlertRead read = AlertRead.of(alert, caller.staffId(), clock.instant());
                    return mongo.insert(read).onErrorResume(DuplicateKeyException.class,
                            again -> mongo.findById(read.id(), AlertRead.class))
                            .map(stored -> item(alert, stored.readAt()));
                });
    }

    /** Marks every unread alert of the person read; answers how many were. */
    public Mono<Long> markAllRead(Caller caller) {
        if (caller.staffId() == null) {
            return Mono.just(0L);
        }
        Instant now = clock.instant();
        return readIds(caller.staffId()).flatMap(read -> mongo.find(query(where("recipientStaffId")
                .is(caller.staffId()).and("_id").nin(read.keySet())), Alert.class)
                .concatMap(alert -> mongo.insert(AlertRead.of(alert, caller.staffId(), now)).thenReturn(1L)
                        .onErrorResume(DuplicateKeyException.class, again -> Mono.just(0L)))
                .reduce(0L, Long::sum));
    }

    private Mono<Map<String, Instant>> readIds(String staffId) {
        return mongo.find(query(where("staffId").is(staffId)), AlertRead.class)
                .collectMap(AlertRead::alertId, AlertRead::readAt);
    }

    private static Item item(Alert alert, Instant readAt) {
        String source = alert.sourceKey();
        String postId = source != null && source.startsWith("post:") ? source.substring("post:".length()) : null;
        return new Item(alert.id(), alert.subject(), alert.body(), alert.reason(), alert.channel(), alert.state(),
                alert.createdAt(), postId, readAt);
    }
}
