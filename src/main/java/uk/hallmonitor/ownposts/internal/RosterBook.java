package uk.hallmonitor.ownposts.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.ownposts.OwnPostChecks;
import uk.hallmonitor.ownposts.RosterPreview;
import uk.hallmonitor.ownposts.RosterPupil;
import uk.hallmonitor.ownposts.RosterSummary;
import uk.hallmonitor.ownposts.Rosters;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.vault.DataSeal;

/**
 * {@link Rosters} over {@link RosterRecords} and the vault's {@link DataSeal}; also hands the checks the name finder
 * of a school's current roster, built once per version and kept in memory (never written anywhere else).
 */
@Component
class RosterBook implements Rosters {

    private final RosterRecords records;
    private final DataSeal seal;
    private final OwnPostAccess access;
    private final SchoolDirectory schools;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    /** A school's roster as decrypted for the checks: the version it came from, its pupils and its finder. */
    record Loaded(String versionId, boolean reportFirstNames, List<RosterPupil> pupils, PupilNameFinder finder) {
    }

    RosterBook(RosterRecords records, DataSeal seal, OwnPostAccess access, SchoolDirectory schools, AuditTrail audit,
               Clock clock) {
        this.records = records;
        this.seal = seal;
        this.access = access;
        this.schools = schools;
        this.audit = audit;
        this.clock = clock;
    }

    private Mono<Void> existingSchool(String schoolId) {
        return schools.school(schoolId).switchIfEmpty(Mono.error(() -> Problems.notFound("school", schoolId))).then();
    }

    @Override
    public Mono<RosterSummary> replace(Caller caller, String schoolId, String csv, Map<String, String> mapping) {
        return OwnPostAccess.rosterReader(caller, schoolId).then(existingSchool(schoolId)).then(Mono.defer(() -> {
            RosterColumns.Parsed parsed = RosterColumns.read(csv == null ? "" : csv, mapping);
            if (!parsed.problems().isEmpty()) {
                return Mono.error(Problems.invalid(parsed.problems()));
            }
            String versionId = UUID.randomUUID().toString();
            Instant now = clock.instant();
            int noPublish = (int) parsed.pupils().stream().filter(RosterPupil::noPublish).count();
            return records.pointer(schoolId, now).flatMap(pointer -> seal
                    .seal(context(schoolId, versionId), RosterRecords.encode(parsed.pupils()))
                    .flatMap(ciphertext -> records.insert(new RosterRecords.Version(versionId, schoolId, ciphertext,
                            parsed.pupils().size(), noPublish, parsed.columns(), now, caller.username())))
                    .then(records.switchTo(schoolId, pointer.version(), versionId, now))
                    .flatMap(switched -> switched
                            ? records.deleteAllBut(schoolId, versionId)
                                    .then(audit.record(new AuditEvent(caller.username(), "roster.replaced", schoolId,
                                            "roster", schoolId, Map.of("version", pointer.version()),
                                            Map.of("version", pointer.version() + 1, "pupils", parsed.pupils().size(),
                                                    "noPublish", noPublish))))
                                    .thenReturn(new RosterSummary(schoolId, pointer.version() + 1,
                                            parsed.pupils().size(), noPublish, now, caller.username(),
                                            parsed.columns(), pointer.reportFirstNames(), null))
                            : records.delete(versionId).then(Mono.error(Problems.conflict("another roster import for"
                                    + " this school finished first; check the current roster and send yours again"
                                    + " if it is still the newest")))));
        }));
    }

    @Override
    public Mono<RosterPreview> preview(Caller caller, String schoolId, String csv, Map<String, String> mapping) {
        return OwnPostAccess.rosterReader(caller, schoolId).then(existingSchool(schoolId))
                .then(Mono.fromCallable(() -> {
                    RosterColumns.Parsed parsed = RosterColumns.read(csv == null ? "" : csv, mapping);
                    int noPublish = (int) parsed.pupils().stream().filter(RosterPupil::noPublish).count();
                    return new RosterPreview(parsed.pupils().size(), noPublish, parsed.columns(), parsed.ignored(),
                            parsed.problems(), parsed.pupils().subList(0, Math.min(5, parsed.pupils().size())));
                }));
    }

    @Override
    public Mono<RosterSummary> current(Caller caller, String schoolId) {
        boolean names = OwnPostChecks.maySeeNames(caller, schoolId);
        Mono<Void> allowed = names ? Mono.empty() : access.schoolWorker(caller, schoolId);
        return allowed.then(existingSchool(schoolId)).then(records.existingPointer(schoolId)
                .flatMap(pointer -> pointer.versionId() == null
                        ? Mono.just(empty(schoolId, pointer.reportFirstNames()))
                        : records.version(pointer.versionId()).flatMap(version -> (names
                                ? load(pointer).map(Loaded::pupils)
                                        .flatMap(pupils -> audit.record(new AuditEvent(caller.username(),
                                                "roster.read", schoolId, "roster", schoolId, null,
                                                Map.of("version", pointer.version()))).thenReturn(pupils))
                                : Mono.just(List.<RosterPupil>of()))
                                .map(pupils -> new RosterSummary(schoolId, pointer.version(), version.pupils(),
                                        version.noPublish(), version.importedAt(), version.importedBy(),
                                        version.columns(), pointer.reportFirstNames(), names ? pupils : null))))
                .defaultIfEmpty(empty(schoolId, false)));
    }

    private static RosterSummary empty(String schoolId, boolean reportFirstNames) {
        return new RosterSummary(schoolId, 0, 0, 0, null, null, new LinkedHashMap<>(), reportFirstNames, null);
    }

    @Override
    public Mono<RosterSummary> reportFirstNames(Caller caller, String schoolId, boolean report) {
        return OwnPostAccess.rosterReader(caller, schoolId).then(existingSchool(schoolId))
                .then(records.pointer(schoolId, clock.instant()))
                .flatMap(pointer -> records.setReportFirstNames(schoolId, report, clock.instant())
                        .then(audit.record(new AuditEvent(caller.username(), "roster.settings", schoolId, "roster",
                                schoolId, Map.of("reportFirstNames", pointer.reportFirstNames()),
                                Map.of("reportFirstNames", report)))))
                .then(Mono.defer(() -> current(caller, schoolId)))
                .map(summary -> new RosterSummary(summary.schoolId(), summary.version(), summary.pupils(),
                        summary.noPublish(), summary.importedAt(), summary.importedBy(), summary.columns(),
                        summary.reportFirstNames(), null));
    }

    /** The school's current roster and finder (an empty roster when none was imported). */
    Mono<Loaded> current(String schoolId) {
        return records.existingPointer(schoolId).flatMap(this::load)
                .defaultIfEmpty(new Loaded(null, false, List.of(), PupilNameFinder.of(List.of(), false)));
    }

    private Mono<Loaded> load(RosterRecords.Pointer pointer) {
        Loaded known = loaded.get(pointer.schoolId());
        if (known != null && java.util.Objects.equals(known.versionId(), pointer.versionId())
                && known.reportFirstNames() == pointer.reportFirstNames()) {
            return Mono.just(known);
        }
        if (pointer.versionId() == null) {
            return Mono.just(new Loaded(null, pointer.reportFirstNames(), List.of(),
                    PupilNameFinder.of(List.of(), pointer.reportFirstNames())));
        }
        return records.version(pointer.versionId())
                .flatMap(version -> seal.open(context(pointer.schoolId(), version.id()), version.sealed()))
                .map(bytes -> {
                    List<RosterPupil> pupils = RosterRecords.decode(bytes);
                    Loaded fresh = new Loaded(pointer.versionId(), pointer.reportFirstNames(), pupils,
                            PupilNameFinder.of(pupils, pointer.reportFirstNames()));
                    loaded.put(pointer.schoolId(), fresh);
                    return fresh;
                })
                // the pointer moved on and its old version was deleted between the two reads: read again
                .switchIfEmpty(Mono.defer(() -> records.existingPointer(pointer.schoolId())
                        .filter(now -> !java.util.Objects.equals(now.versionId(), pointer.versionId()))
                        .flatMap(this::load)));
    }

    private static String context(String schoolId, String versionId) {
        return "roster:" + schoolId + ":" + versionId;
    }
}
