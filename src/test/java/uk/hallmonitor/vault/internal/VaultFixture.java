package uk.hallmonitor.vault.internal;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.accounts.ConnectorHealth;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.events.DomainEventListener;
import uk.hallmonitor.system.events.DomainEvents;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.vault.BreakGlassUsed;
import uk.hallmonitor.vault.CredentialRotationDue;
import uk.hallmonitor.vault.VaultProperties;

/**
 * The vault's parts over the real MongoDB driver and an in-memory mongo-java-server, with simple stand-ins for the
 * account register, school directory, audit trail and event listeners, for tests that do not need the whole app.
 */
final class VaultFixture implements AutoCloseable {

    final MongoServer server = new MongoServer(new MemoryBackend());
    final MongoClient client;
    final ReactiveMongoTemplate mongo;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    final Map<String, SchoolAccount> accounts = new ConcurrentHashMap<>();
    final Map<String, StaffView> staff = new ConcurrentHashMap<>();
    final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    final List<Object> events = new CopyOnWriteArrayList<>();
    final Path keyFile;
    VaultKeys keys;
    CredentialRecords credentials;
    KeyRotations rotations;
    TinkCredentialVault vault;
    RotationReminders reminders;
    SchoolSettings settings;
    ConnectorSessionRecords sessions;

    VaultFixture(Path keyFile) {
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        mongo = new ReactiveMongoTemplate(client, "hallmonitor");
        this.keyFile = keyFile;
        open(new LocalMasterKey("", keyFile), VaultProperties.defaults());
    }

    /** (Re)builds the vault on the same store, as a restart with the given master key would. */
    VaultFixture open(LocalMasterKey master, VaultProperties properties) {
        keys = new VaultKeys(mongo, master, clock);
        credentials = new CredentialRecords(mongo);
        credentials.ensureIndexes().block();
        sessions = new ConnectorSessionRecords(mongo);
        sessions.ensureIndexes().block();
        keys.open();
        rotations = new KeyRotations(keys, credentials, new KeyRotationRecords(mongo), clock,
                properties.reencryptionBatch(), properties.rotationStallTimeout(), List.of(sessions));
        settings = new SchoolSettings(mongo, properties.runnersMayReveal());
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("breakGlass", new BreakGlassRecorder(events));
        beans.addBean("rotationDue", new RotationDueRecorder(events));
        DomainEvents domainEvents = new DomainEvents(beans);
        vault = new TinkCredentialVault(keys, credentials, rotations, settings, register(), directory(),
                auditTrail(), domainEvents, properties, clock, sessions);
        reminders = new RotationReminders(credentials, vault, register(), directory(), auditTrail(), domainEvents,
                clock);
        return this;
    }

    SchoolAccount account(String id, String schoolId, String... runnerIds) {
        SchoolAccount account = new SchoolAccount(id, schoolId, Platform.X, "@" + id, "p-" + id, Map.of(),
                AccountStatus.ACTIVE, List.of(runnerIds), null);
        accounts.put(id, account);
        return account;
    }

    StaffView person(String id, String schoolId, boolean active, Role... roles) {
        StaffView view = new StaffView(id, schoolId, "Name " + id, id + "@school.example", "user-" + id,
                Set.of(roles), active, true);
        staff.put(id, view);
        return view;
    }

    private AccountRegister register() {
        return new AccountRegister() {
            @Override
            public Mono<SchoolAccount> account(String accountId) {
                return Mono.justOrEmpty(accounts.get(accountId));
            }

            @Override
            public Flux<SchoolAccount> ofSchool(String schoolId) {
                return Flux.fromIterable(accounts.values()).filter(a -> a.schoolId().equals(schoolId));
            }

            @Override
            public Flux<SchoolAccount> monitored() {
                return Flux.fromIterable(accounts.values());
            }

            @Override
            public Mono<Void> recordActivity(String accountId, Instant at) {
                return Mono.empty();
            }

            @Override
            public Mono<Void> recordHealth(String accountId, ConnectorHealth health) {
                return Mono.empty();
            }

            @Override
            public Mono<Void> recordTokenHealth(String accountId, uk.hallmonitor.accounts.TokenHealth token) {
                return Mono.empty();
            }
        };
    }

    private SchoolDirectory directory() {
        return new SchoolDirectory() {
            @Override
            public Mono<SchoolView> school(String schoolId) {
                return Mono.just(new SchoolView(schoolId, "School " + schoolId, java.time.ZoneId.of("Europe/London"),
                        "england-and-wales"));
            }

            @Override
            public Flux<SchoolView> schools() {
                return Flux.empty();
            }

            @Override
            public Mono<StaffView> staff(String staffId) {
                return Mono.justOrEmpty(staff.get(staffId));
            }

            @Override
            public Flux<StaffView> staffWithRole(String schoolId, Role role) {
                return Flux.fromIterable(new ArrayList<>(staff.values()))
                        .filter(s -> s.active() && s.roles().contains(role) && schoolId.equals(s.schoolId()));
            }
        };
    }

    private AuditTrail auditTrail() {
        return event -> Mono.fromRunnable(() -> audit.add(event));
    }

    @Override
    public void close() {
        rotations.stop();
        client.close();
        server.shutdownNow();
    }

    /** Keeps every break-glass event. */
    record BreakGlassRecorder(List<Object> events) implements DomainEventListener<BreakGlassUsed> {

        @Override
        public Mono<Void> on(BreakGlassUsed event) {
            return Mono.fromRunnable(() -> events.add(event));
        }
    }

    /** Keeps every rotation reminder. */
    record RotationDueRecorder(List<Object> events) implements DomainEventListener<CredentialRotationDue> {

        @Override
        public Mono<Void> on(CredentialRotationDue event) {
            return Mono.fromRunnable(() -> events.add(event));
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
