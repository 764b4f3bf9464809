package uk.hallmonitor.schools.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.schools.RunnerEligibility;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.schools.SchoolsProperties;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.security.StaffCredentials;
import uk.hallmonitor.system.security.StaffLogins;

/** Answers the other modules' and the security filters' questions about schools and staff. */
@Component
record Directory(ReactiveMongoTemplate mongo, SchoolsProperties rules, Clock clock)
        implements SchoolDirectory, StaffLogins, RunnerEligibility {

    @Override
    public Mono<SchoolView> school(String schoolId) {
        return schoolId == null ? Mono.empty() : mongo.findById(schoolId, SchoolDocument.class)
                .map(s -> new SchoolView(s.id(), s.name(), ZoneId.of(s.timezone()), s.bankHolidayRegion()));
    }

    @Override
    public Flux<SchoolView> schools() {
        return mongo.find(Query.query(new Criteria()).with(Sort.by("name", "_id")), SchoolDocument.class)
                .map(s -> new SchoolView(s.id(), s.name(), ZoneId.of(s.timezone()), s.bankHolidayRegion()));
    }

    @Override
    public Mono<StaffView> staff(String staffId) {
        return staffId == null ? Mono.empty() : mongo.findById(staffId, StaffDocument.class).flatMap(this::view);
    }

    @Override
    public Flux<StaffView> staffWithRole(String schoolId, Role role) {
        Criteria criteria = Criteria.where("active").is(true).and("roles").is(role.name());
        if (role != Role.ADMIN) {
            criteria = criteria.and("schoolId").is(schoolId);
        }
        return mongo.find(Query.query(criteria), StaffDocument.class).concatMap(this::view);
    }

    @Override
    public Mono<List<String>> gaps(String staffId, String schoolId) {
        return mongo.findById(staffId, StaffDocument.class)
                .filter(staff -> schoolId.equals(staff.schoolId()))
                .flatMap(staff -> requiredVersion(schoolId)
                        .map(version -> Eligibility.gaps(staff, version, today(), rules)))
                .defaultIfEmpty(List.of("staff id " + staffId + " is not a member of staff of this school"));
    }

    private Mono<StaffView> view(StaffDocument s) {
        Mono<Boolean> current = s.schoolId() == null ? Mono.just(false) : requiredVersion(s.schoolId())
                .map(version -> s.active() && Eligibility.acknowledged(s, version, today(), rules)
                        && Eligibility.trained(s, today()));
        return current.map(c -> new StaffView(s.id(), s.schoolId(), s.name(), s.email(), s.username(), s.roles(),
                s.active(), c, s.createdAt()));
    }

    private Mono<String> requiredVersion(String schoolId) {
        return mongo.findById(schoolId, SchoolDocument.class)
                .map(s -> s.policyVersion() != null && !s.policyVersion().isBlank() ? s.policyVersion()
                        : rules.policyVersion())
                .defaultIfEmpty(rules.policyVersion());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of("Europe/London")));
    }

    // ---- logins

    @Override
    public Mono<StaffCredentials> byUsername(String username) {
        return username == null ? Mono.empty() : mongo.findOne(Query.query(Criteria.where("username")
                .is(username.toLowerCase(Locale.ROOT))), StaffDocument.class).map(Directory::credentials);
    }

    @Override
    public Mono<StaffCredentials> byApiTokenHash(String tokenHash) {
        return mongo.findOne(Query.query(Criteria.where("apiTokens.hash").is(tokenHash)), StaffDocument.class)
                .map(Directory::credentials);
    }

    @Override
    public Mono<StaffCredentials> byStaffId(String staffId) {
        return mongo.findById(staffId, StaffDocument.class).map(Directory::credentials);
    }

    @Override
    public Flux<StaffCredentials> byEmail(String email) {
        // addresses are stored as typed: compare without case (a login is rare enough for an unindexed match)
        return email == null || email.isBlank() ? Flux.empty() : mongo.find(Query.query(Criteria.where("email")
                .regex("^" + java.util.regex.Pattern.quote(email.trim()) + "$", "i")), StaffDocument.class)
                .map(Directory::credentials);
    }

    private static StaffCredentials credentials(StaffDocument s) {
        return new StaffCredentials(new Caller(s.id(), s.username(), s.schoolId(), s.roles()), s.passwordHash(),
                s.active());
    }
}
