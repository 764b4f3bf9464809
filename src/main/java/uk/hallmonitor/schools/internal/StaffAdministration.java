package uk.hallmonitor.schools.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.system.SchoolCsv;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.LoginLocks;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Problems;

/**
 * What a trust administrator changes after a school and its staff exist: the school's settings, a person's roles,
 * a forgotten password, a locked login, and the staff list imported from the school's MIS. Every change is a
 * compare-and-set on one document and is audited.
 */
@Service
class StaffAdministration {

    private static final String PASSWORD_LETTERS = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String PASSWORD_DIGITS = "23456789";

    private final ReactiveMongoTemplate mongo;
    private final StaffRecords records;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final LoginLocks locks;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    StaffAdministration(ReactiveMongoTemplate mongo, StaffRecords records, PasswordEncoder encoder, AuditTrail audit,
                        LoginLocks locks, Clock clock) {
        this.mongo = mongo;
        this.records = records;
        this.encoder = encoder;
        this.audit = audit;
        this.locks = locks;
        this.clock = clock;
    }

    // ---- school settings

    /** A change to a school's settings; a {@code null} field stays as it is. */
    record SchoolSettings(String name, String timezone, String bankHolidayRegion, String policyVersion) {
    }

    Mono<SchoolDocument> changeSchool(Caller caller, String schoolId, SchoolSettings change) {
        if (!caller.isAdmin()) {
            return Mono.error(Problems.forbidden("only a trust administrator changes a school's settings"));
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        if (change.name() != null && (change.name().isBlank() || change.name().length() > 200)) {
            errors.add(new Problems.FieldError("name", "give the school's name, at most 200 characters"));
        }
        if (change.timezone() != null) {
            try {
                ZoneId.of(change.timezone());
            } catch (DateTimeException e) {
                errors.add(new Problems.FieldError("timezone",
                        "unknown time zone; use an IANA name such as Europe/London"));
            }
        }
        if (change.bankHolidayRegion() != null && !StaffRecords.REGIONS.contains(change.bankHolidayRegion())) {
            errors.add(new Problems.FieldError("bankHolidayRegion",
                    "one of england-and-wales, scotland, northern-ireland"));
        }
        if (change.policyVersion() != null && change.policyVersion().length() > 40) {
            errors.add(new Problems.FieldError("policyVersion", "at most 40 characters"));
        }
        if (!errors.isEmpty()) {
            return Mono.error(Problems.invalid(errors));
        }
        return records.school(caller, schoolId).flatMap(before -> {
            Update update = new Update();
            if (change.name() != null) {
                update.set("name", change.name().strip());
            }
            if (change.timezone() != null) {
                update.set("timezone", change.timezone());
            }
            if (change.bankHolidayRegion() != null) {
                update.set("bankHolidayRegion", change.bankHolidayRegion());
            }
            if (change.policyVersion() != null) {
                update.set("policyVersion", change.policyVersion().isBlank() ? null : change.policyVersion().strip());
            }
            if (update.getUpdateObject().isEmpty()) {
                return Mono.just(before);
            }
            return mongo.findAndModify(Query.query(Criteria.where("_id").is(schoolId)), update,
                    FindAndModifyOptions.options().returnNew(true), SchoolDocument.class)
                    .flatMap(after -> audit.record(new AuditEvent(caller.username(), "school.changed", schoolId,
                            "school", schoolId, before, after)).thenReturn(after));
        });
    }

    // ---- roles, passwords, locks

    Mono<StaffDocument> setRoles(Caller caller, String staffId, List<Role> wanted) {
        if (!caller.isAdmin()) {
            return Mono.error(Problems.forbidden("only a trust administrator grants or removes roles"));
        }
        if (wanted == null || wanted.isEmpty()) {
            return Mono.error(Problems.badRequest("roles", "give at least one role"));
        }
        Set<Role> roles = EnumSet.copyOf(wanted);
        return records.staff(caller, staffId).flatMap(staff -> {
            if (staff.schoolId() != null && roles.contains(Role.ADMIN)) {
                return Mono.error(Problems.badRequest("roles", "ADMIN is trust-wide; a member of a school's staff"
                        + " cannot hold it"));
            }
            if (staff.schoolId() == null && !roles.contains(Role.ADMIN)) {
                return Mono.error(Problems.badRequest("roles", "a trust-wide administrator keeps the ADMIN role"));
            }
            if (staff.id().equals(caller.staffId()) && !roles.contains(Role.ADMIN)) {
                return Mono.error(Problems.badRequest("roles", "you cannot remove your own ADMIN role"));
            }
            return changeStaff(staff, new Update().set("roles", roles), caller, "staff.roles-changed",
                    Map.of("roles", staff.roles()), Map.of("roles", roles));
        });
    }

    /** A password that meets policy 004, to be handed to the person once. */
    record TemporaryPassword(String staffId, String name, String username, String password) {

        @Override
        public String toString() {
            return "TemporaryPassword[" + username + ", password=(redacted)]";
        }
    }

    Mono<TemporaryPassword> resetPassword(Caller caller, String staffId) {
        if (!caller.isAdmin()) {
            return Mono.error(Problems.forbidden("only a trust administrator resets passwords"));
        }
        String password = temporaryPassword();
        return records.staff(caller, staffId)
                .flatMap(staff -> Mono.fromCallable(() -> encoder.encode(password))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(hash -> changeStaff(staff, new Update().set("passwordHash", hash), caller,
                                "staff.password-reset", null, Map.of("username", staff.username()))))
                .doOnNext(staff -> locks.unlock(staff.username()))
                .map(staff -> new TemporaryPassword(staff.id(), staff.name(), staff.username(), password));
    }

    /** Lifts the login locks of a member of staff (ADMIN; audited by the staff records, as the API's unlock). */
    Mono<StaffDocument> unlock(Caller caller, String staffId) {
        return records.unlock(caller, staffId).then(records.staff(caller, staffId));
    }

    boolean locked(String username) {
        return locks.locked(username);
    }

    private Mono<StaffDocument> changeStaff(StaffDocument staff, Update update, Caller caller, String action,
                                            Object before, Object after) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(staff.id()).and("version").is(staff.version())),
                update.inc("version", 1), FindAndModifyOptions.options().returnNew(true), StaffDocument.class)
                .switchIfEmpty(Mono.error(() -> Problems.conflict("this person's record changed meanwhile;"
                        + " reload it and try again")))
                .flatMap(saved -> audit.record(new AuditEvent(caller.username(), action, saved.schoolId(), "staff",
                        saved.id(), before, after)).thenReturn(saved));
    }

    private String temporaryPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            password.append(PASSWORD_LETTERS.charAt(random.nextInt(PASSWORD_LETTERS.length())));
        }
        for (int i = 0; i < 2; i++) {
            password.insert(random.nextInt(password.length() + 1),
                    PASSWORD_DIGITS.charAt(random.nextInt(PASSWORD_DIGITS.length())));
        }
        return password.toString();
    }

    // ---- import from the MIS

    /** What an import read, and (unless a dry run) what it added. */
    record ImportResult(int rows, List<StaffImport.Row> added, List<StaffImport.Row> unchanged,
                        List<StaffImport.RowProblem> problems, boolean dryRun) {
    }

    /**
     * Reads the MIS export against the column mapping; a dry run stores nothing, a real run adds every new person
     * (without a password: an administrator resets one when they need to log in) or, when any row is bad, adds
     * nobody and answers 400 naming every bad row. People already on this school's staff list with the same
     * username and email are left as they are, so importing the same file twice adds nobody twice.
     */
    Mono<ImportResult> importStaff(Caller caller, String schoolId, String csv, Map<String, String> columns,
                                   List<Role> defaultRoles, boolean dryRun) {
        if (!caller.isAdmin()) {
            return Mono.error(Problems.forbidden("only a trust administrator imports staff"));
        }
        if (csv == null || csv.isBlank()) {
            return Mono
                    .error(Problems.badRequest("csv", "the file is empty; export the staff list from your MIS as CSV"));
        }
        Set<Role> defaults = defaultRoles == null || defaultRoles.isEmpty() ? EnumSet.of(Role.STAFF)
                : EnumSet.copyOf(defaultRoles);
        if (defaults.contains(Role.ADMIN)) {
            return Mono.error(Problems.badRequest("defaultRoles", "the ADMIN role is never granted by an import"));
        }
        List<List<String>> table;
        try {
            table = SchoolCsv.cells(csv);
        } catch (IllegalArgumentException e) {
            return Mono.error(Problems.badRequest("csv", e.getMessage()));
        }
        Map<String, String> mapping = columns == null || columns.isEmpty()
                ? StaffImport.guess(table.isEmpty() ? List.of() : table.get(0)) : columns;
        StaffImport.Reading reading = StaffImport.read(table, mapping, defaults);
        int rows = Math.max(0, table.size() - 1);
        return records.school(caller, schoolId).then(sortAgainstStore(schoolId, reading)).flatMap(sorted -> {
            List<StaffImport.RowProblem> problems = sorted.problems();
            if (dryRun) {
                return Mono.just(new ImportResult(rows, sorted.added(), sorted.unchanged(), problems, true));
            }
            if (!problems.isEmpty()) {
                return Mono.error(Problems.invalid(problems.stream().map(p -> new Problems.FieldError(
                        "rows[" + p.line() + "]." + p.field(), "line " + p.line() + ": " + p.detail())).toList()));
            }
            return Flux.fromIterable(sorted.added()).concatMap(row -> insert(caller, schoolId, row)).collectList()
                    .map(added -> {
                        List<StaffImport.Row> unchanged = new ArrayList<>(sorted.unchanged());
                        List<StaffImport.Row> stored = new ArrayList<>();
                        added.forEach(result -> (result.stored() ? stored : unchanged).add(result.row()));
                        return new ImportResult(rows, stored, unchanged, List.of(), false);
                    });
        });
    }

    private record Inserted(StaffImport.Row row, boolean stored) {
    }

    private Mono<Inserted> insert(Caller caller, String schoolId, StaffImport.Row row) {
        StaffDocument staff = new StaffDocument(UUID.randomUUID().toString(), schoolId, row.name(), row.email(),
                row.username(), null, row.roles(), true, null, List.of(), List.of(), List.of(), clock.instant(),
                caller.username(), null);
        return mongo.insert(staff)
                .flatMap(saved -> audit.record(new AuditEvent(caller.username(), "staff.imported", schoolId, "staff",
                        saved.id(), null, StaffViews.safe(saved))).thenReturn(new Inserted(row, true)))
                // another import of the same file raced this one: the person is there, which is what was asked
                .onErrorResume(DuplicateKeyException.class, e -> Mono.just(new Inserted(row, false)));
    }

    private record Sorted(List<StaffImport.Row> added, List<StaffImport.Row> unchanged,
                          List<StaffImport.RowProblem> problems) {
    }

    private Mono<Sorted> sortAgainstStore(String schoolId, StaffImport.Reading reading) {
        List<String> usernames = reading.rows().stream().map(StaffImport.Row::username).toList();
        Query existing = Query.query(Criteria.where("username").in(usernames));
        return mongo.find(existing, StaffDocument.class).collectMap(StaffDocument::username).map(found -> {
            List<StaffImport.Row> added = new ArrayList<>();
            List<StaffImport.Row> unchanged = new ArrayList<>();
            List<StaffImport.RowProblem> problems = new ArrayList<>(reading.problems());
            for (StaffImport.Row row : reading.rows()) {
                StaffDocument there = found.get(row.username());
                if (there == null) {
                    added.add(row);
                } else if (schoolId.equals(there.schoolId()) && there.email() != null
                        && there.email().equalsIgnoreCase(row.email())) {
                    unchanged.add(row);
                } else {
                    problems.add(new StaffImport.RowProblem(row.line(), "username", "the username " + row.username()
                            + " belongs to someone else already; map a username column or change it in the file"));
                }
            }
            problems.sort(java.util.Comparator.comparingInt(StaffImport.RowProblem::line));
            return new Sorted(added, unchanged, problems);
        });
    }
}
