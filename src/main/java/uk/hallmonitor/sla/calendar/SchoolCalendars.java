package uk.hallmonitor.sla.calendar;

import java.time.Clock;
import java.time.ZoneId;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.sla.calendar.internal.BankHolidays;
import uk.hallmonitor.sla.calendar.internal.SchoolSlaCalendar;
import uk.hallmonitor.sla.internal.SlaProperties;
import uk.hallmonitor.system.web.Problems;

/** Builds each school's working calendar from the directory, the bank holidays and the school's stored choices. */
@Component
public class SchoolCalendars {

    private static final Logger log = LoggerFactory.getLogger(SchoolCalendars.class);
    static final String DEFAULT_REGION = "england-and-wales";
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");

    private final ReactiveMongoTemplate mongo;
    private final SchoolDirectory directory;
    private final BankHolidays bankHolidays;
    private final SlaProperties properties;
    private final Clock clock;

    SchoolCalendars(ReactiveMongoTemplate mongo, SchoolDirectory directory, BankHolidays bankHolidays,
                    SlaProperties properties, Clock clock) {
        this.mongo = mongo;
        this.directory = directory;
        this.bankHolidays = bankHolidays;
        this.properties = properties;
        this.clock = clock;
    }

    /** The school's rules, or empty when there is no such school. */
    public Mono<SchoolRules> rules(String schoolId) {
        return directory.school(schoolId)
                .zipWith(stored(schoolId))
                .map(pair -> rules(pair.getT1(), pair.getT2()));
    }

    public SchoolRules rules(SchoolView school, SchoolSlaCalendar stored) {
        String region = school.bankHolidayRegion() == null ? DEFAULT_REGION : school.bankHolidayRegion();
        if (!bankHolidays.knows(region)) {
            log.warn("school {} names unknown bank holiday region {}; using {}", school.id(), region, DEFAULT_REGION);
            region = DEFAULT_REGION;
        }
        ZoneId zone = school.timezone() == null ? DEFAULT_ZONE : school.timezone();
        WorkingCalendar calendar = new WorkingCalendar(zone, bankHolidays.dates(region), stored.closureDays(),
                stored.closeOfDayOr(properties.closeOfDay()));
        WindowReading reading = stored.windowReading() == null ? properties.windowReading() : stored.windowReading();
        return new SchoolRules(school, region, calendar, reading, Boolean.TRUE.equals(stored.excludePraise()));
    }

    public Mono<SchoolSlaCalendar> stored(String schoolId) {
        return mongo.findById(schoolId, SchoolSlaCalendar.class).defaultIfEmpty(SchoolSlaCalendar.empty(schoolId));
    }

    /**
     * Applies a change to the school's stored calendar if nobody else changed it since it was read; a concurrent
     * change answers 409 and nothing is written.
     */
    public Mono<SchoolSlaCalendar> change(String schoolId, String by, UnaryOperator<SchoolSlaCalendar> change) {
        return stored(schoolId).flatMap(current -> {
            SchoolSlaCalendar wanted = change.apply(current);
            SchoolSlaCalendar next = new SchoolSlaCalendar(schoolId, wanted.closeOfDay(), wanted.windowReading(),
                    wanted.excludePraise(), wanted.closures(), current.version() + 1, clock.instant(), by);
            if (current.version() == 0) {
                return mongo.insert(next).onErrorMap(DuplicateKeyException.class, e -> changedMeanwhile(schoolId));
            }
            Query unchanged = Query.query(Criteria.where("_id").is(schoolId).and("version").is(current.version()));
            Update update = new Update().set("closeOfDay", next.closeOfDay()).set("windowReading", next.windowReading())
                    .set("excludePraise", next.excludePraise()).set("closures", next.closures())
                    .set("version", next.version()).set("updatedAt", next.updatedAt()).set("updatedBy", by);
            return mongo.findAndModify(unchanged, update, FindAndModifyOptions.options().returnNew(true),
                    SchoolSlaCalendar.class)
                    .switchIfEmpty(Mono.error(() -> changedMeanwhile(schoolId)));
        });
    }

    private static RuntimeException changedMeanwhile(String schoolId) {
        return Problems
                .conflict("the SLA calendar of school " + schoolId + " changed meanwhile; read it and try again");
    }
}
