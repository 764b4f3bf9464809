package uk.hallmonitor.sla.calendar;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.sla.calendar.internal.BankHoliday;
import uk.hallmonitor.sla.calendar.internal.BankHolidayUpload;
import uk.hallmonitor.sla.calendar.internal.BankHolidays;
import uk.hallmonitor.sla.calendar.internal.StoredBankHolidays;

/**
 * Keeps the in-memory {@link BankHolidays} in step with the administrators' uploads in {@code sla_bank_holidays}:
 * an upload is validated, merged by year with what is there, stored, then applied here; other instances pick it up
 * on their next sweep.
 */
@Component
public class BankHolidayStore {

    private final ReactiveMongoTemplate mongo;
    private final BankHolidays holidays;
    private final AuditTrail audit;
    private final Clock clock;

    BankHolidayStore(ReactiveMongoTemplate mongo, BankHolidays holidays,
                     AuditTrail audit, Clock clock) {
        this.mongo = mongo;
        this.holidays = holidays;
        this.audit = audit;
        this.clock = clock;
    }

    /** Applies every stored upload over the shipped dates. */
    public Mono<Void> refresh() {
        return mongo.findAll(StoredBankHolidays.class)
                .filter(stored -> holidays.knows(stored.region()))
                .doOnNext(stored -> holidays.replace(stored.region(), stored.bankHolidays()))
                .then();
    }

    /** Validates and stores an upload; a bad one answers 400 naming each field and changes nothing. */
    public Mono<List<BankHoliday>> upload(String region, BankHolidayUpload upload, String by) {
        return Mono.fromCallable(() -> upload.validate(region)).flatMap(valid -> {
            List<BankHoliday> before = List.copyOf(holidays.holidays(region));
            List<BankHoliday> merged = holidays.merged(region, valid);
            return mongo.save(StoredBankHolidays.of(region, merged, clock.instant(), by))
                    .doOnNext(saved -> holidays.replace(region, merged))
                    .then(audit.record(new AuditEvent(by, "sla.bank-holidays.uploaded", null, "bank-holidays",
                            region, Map.of("count", before.size()), Map.of("count", merged.size(),
                                    "uploaded", valid.size()))))
                    .thenReturn(merged);
        });
    }

    public List<BankHoliday> holidays(String region) {
        return List.copyOf(holidays.holidays(region));
    }
}
