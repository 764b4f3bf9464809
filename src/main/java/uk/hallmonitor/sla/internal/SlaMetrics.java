package uk.hallmonitor.sla.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.sla.ClockState;

/**
 * Micrometer meters of the SLA ({@code hallmonitor.sla.*}): counters for clocks started, reminders, breaches and
 * replies (on time or late), gauges of open and unanswered breached clocks, and the sweep's duration. The gauges
 * are recounted by the sweep at most every {@code metrics-refresh}, never on a scrape, so a scrape costs nothing.
 */
@Component
class SlaMetrics {

    private final MeterRegistry registry;
    private final Counter reminders;
    private final Counter breaches;
    private final Counter metOnTime;
    private final Counter metLate;
    private final Timer sweep;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong breachedUnanswered = new AtomicLong();
    private final AtomicReference<Instant> countedAt = new AtomicReference<>(Instant.EPOCH);

    SlaMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.reminders = Counter.builder("hallmonitor.sla.reminders").description("reminders sent to runners")
                .register(registry);
        this.breaches = Counter.builder("hallmonitor.sla.breaches").description("clocks breached, SLT told")
                .register(registry);
        this.metOnTime = Counter.builder("hallmonitor.sla.met").tag("late", "false")
                .description("clocks met by a reply or an acknowledgement").register(registry);
        this.metLate = Counter.builder("hallmonitor.sla.met").tag("late", "true")
                .description("clocks met by a reply or an acknowledgement").register(registry);
        this.sweep = Timer.builder("hallmonitor.sla.sweep").description("one run of the SLA sweep")
                .register(registry);
        Gauge.builder("hallmonitor.sla.clocks.open", open, AtomicLong::get).description("clocks awaiting a reply")
                .register(registry);
        Gauge.builder("hallmonitor.sla.clocks.breached", breachedUnanswered, AtomicLong::get)
                .description("breached clocks still unanswered").register(registry);
    }

    void started(ClockState state) {
        Counter.builder("hallmonitor.sla.clocks.started").tag("state", state.name())
                .description("clocks started (EXCLUDED: praise not clocked)").register(registry).increment();
    }

    void reminded() {
        reminders.increment();
    }

    void breached() {
        breaches.increment();
    }

    void met(long count, boolean late) {
        (late ? metLate : metOnTime).increment(count);
    }

    void swept(Duration took) {
        sweep.record(took.isNegative() ? Duration.ZERO : took);
    }

    long open() {
        return open.get();
    }

    Mono<Void> refreshIfStale(ReactiveMongoTemplate mongo, Instant now, Duration every) {
        Instant last = countedAt.get();
        if (now.isBefore(last.plus(every)) || !countedAt.compareAndSet(last, now)) {
            return Mono.empty();
        }
        return count(mongo, ClockState.OPEN).doOnNext(open::set)
                .then(count(mongo, ClockState.BREACHED).doOnNext(breachedUnanswered::set))
                .then();
    }

    private static Mono<Long> count(ReactiveMongoTemplate mongo, ClockState state) {
        return mongo.count(Query.query(Criteria.where("state").is(state)), ResponseClock.class);
    }
}
