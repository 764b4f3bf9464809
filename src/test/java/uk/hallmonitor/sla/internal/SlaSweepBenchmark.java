package uk.hallmonitor.sla.internal;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.h2.mvstore.MVStore;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.accounts.ConnectorHealth;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.sla.ClockState;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.events.DomainEvents;
import uk.hallmonitor.system.security.Role;

/**
 * Load program for the SLA sweep against the embedded store (mongo-java-server on an H2 MVStore file, committing
 * after every write as the service's store does), through the real MongoDB driver. Run by hand:
 *
 * <pre>
 * mvn -B -o -q test-compile
 * java -Xmx4g -cp target/test-classes:target/classes:$(mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout) \
 *      -Dclocks=1000000 -Ddue=1000 uk.hallmonitor.sla.internal.SlaSweepBenchmark
 * </pre>
 *
 * It stores {@code clocks} open clocks, {@code due} of them with a reminder due now, then times: the sweep that
 * sends those reminders, an idle sweep (nothing due), a sweep with the breach of {@code due} clocks, and the count
 * behind the open-clocks gauge.
 */
public final class SlaSweepBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-17T10:00:00Z");

    private SlaSweepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        boolean commitEachWrite = Boolean.parseBoolean(System.getProperty("commitEachWrite", "true"));
        int total = Integer.getInteger("clocks", 1_000_000);
        int due = Integer.getInteger("due", 1_000);
        int batch = Integer.getInteger("insertBatch", 5_000);
        Path dir = Files.createTempDirectory("sla-bench");
        MVStore store = new MVStore.Builder().fileName(dir.resolve("bench.mv").toString()).compress().open();
        // -Dbackend=memory: the same query engine without the H2 file, to separate the engine's cost from the disk's
        de.bwaldvogel.mongo.backend.AbstractMongoBackend backend = "memory".equals(System.getProperty("backend"))
                ? new de.bwaldvogel.mongo.backend.memory.MemoryBackend()
                : commitEachWrite ? new CommittingBackend(store) : new H2Backend(store);
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "bench");
        try {
            new SlaIndexes().ensure(mongo).block();
            long insertStart = System.nanoTime();
            double insertCpu = cpu();
            for (int from = 0; from < total; from += batch) {
                // Raw documents in the mapped shape: loading a million through the object mapper would time the
                // mapper, not the store; the sweep itself reads and writes through the template as in service.
                List<org.bson.Document> clocks = new ArrayList<>(batch);
                for (int i = from; i < Math.min(total, from + batch); i++) {
                    clocks.add(document(clock(i, i < due)));
                }
                Mono.from(mongo.getCollection("sla_clocks").block().insertMany(clocks)).block();
                if ((from / batch) % 20 == 0) {
                    System.out.printf("stored %,d clocks%n", from + clocks.size());
                }
            }
            double insertSeconds = seconds(insertStart);
            System.out.printf("stored %,d open clocks in %.1f s wall, %.1f s CPU (%,.0f/s wall)%n", total,
                    insertSeconds, cpu() - insertCpu, total / insertSeconds);

            SlaProperties properties = SlaProperties.defaults();
            ClockSweep remindAt = sweep(mongo, properties, NOW);
            timeSweep("sweep sending " + due + " reminders", remindAt, NOW);
            timeSweep("idle sweep, nothing due", remindAt, NOW);
            timeSweep("idle sweep again", remindAt, NOW);
            Instant afterDue = NOW.plus(Duration.ofHours(4));
            timeSweep("sweep breaching " + due + " clocks (4 h later)", sweep(mongo, properties, afterDue), afterDue);

            long countStart = System.nanoTime();
            double countCpu = cpu();
            Long open = mongo.count(Query.query(Criteria.where("state").is(ClockState.OPEN)), ResponseClock.class)
                    .block();
            System.out.printf("count of open clocks (gauge refresh): %,d in %.2f s wall, %.2f s CPU%n", open,
                    seconds(countStart), cpu() - countCpu);
        } finally {
            client.close();
            server.shutdown();
            backend.close();
        }
    }

    private static void timeSweep(String what, ClockSweep sweep, Instant now) {
        long start = System.nanoTime();
        double cpuStart = cpu();
        Long steps = sweep.sendDueSteps(now).block();
        double took = seconds(start);
        System.out.printf("%s: %,d steps claimed in %.2f s wall, %.2f s CPU%s%n", what, steps, took, cpu() - cpuStart,
                steps > 0 ? String.format(" (%,.0f steps/s)", steps / took) : "");
    }

    /** The first {@code due} clocks have their 4 h reminder due now; the others are due 10 to 34 hours from now. */
    private static ResponseClock clock(int i, boolean dueNow) {
        Instant dueAt = dueNow ? NOW.plus(Duration.ofHours(3).plusMinutes(30))
                : NOW.plus(Duration.ofHours(10)).plusSeconds(i % 86_400);
        Instant received = dueAt.minus(Duration.ofHours(24));
        Instant next = dueAt.minus(Duration.ofHours(4));
        return new ResponseClock(UUID.randomUUID().toString(), "post-" + i, "school-" + (i % 200),
                "account-" + (i % 1_000), Platform.X, PostKind.COMMENT, "p-" + i, "c-" + i, received, dueAt,
                ClockState.OPEN, List.of(), List.of(), next, null, null, null, null, null, null, received, 0);
    }

    private static org.bson.Document document(ResponseClock clock) {
        return new org.bson.Document("_id", clock.id()).append("postId", clock.postId())
                .append("schoolId", clock.schoolId()).append("accountId", clock.accountId())
                .append("platform", clock.platform().name()).append("kind", clock.kind().name())
                .append("platformPostId", clock.platformPostId()).append("conversationId", clock.conversationId())
                .append("receivedAt", java.util.Date.from(clock.receivedAt()))
                .append("dueAt", java.util.Date.from(clock.dueAt())).append("state", clock.state().name())
                .append("remindersSent", List.of()).append("notices", List.of())
                .append("nextActionAt", java.util.Date.from(clock.nextActionAt()))
                .append("createdAt", java.util.Date.from(clock.createdAt())).append("version", 0L);
    }

    private static ClockSweep sweep(ReactiveMongoTemplate mongo, SlaProperties properties, Instant now) {
        return new ClockSweep(mongo, null, null, new Accounts(), new Directory(),
                new DomainEvents(new DefaultListableBeanFactory()), null, properties,
                new SlaMetrics(new SimpleMeterRegistry()), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** CPU seconds used by this process so far: the machine is shared, so wall time alone says little. */
    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** The service's store commits after every write; so does this one. */
    private static final class CommittingBackend extends H2Backend {

        private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify");

        CommittingBackend(MVStore store) {
            super(store);
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(io.netty.channel.Channel channel, String database,
                                                               String command,
                                                               de.bwaldvogel.mongo.bson.Document query) {
            de.bwaldvogel.mongo.bson.Document answer = super.handleCommand(channel, database, command, query);
            if (WRITES.contains(command.toLowerCase(java.util.Locale.ROOT))) {
                commit();
            }
            return answer;
        }
    }

    private static final class Accounts implements AccountRegister {

        @Override
        public Mono<SchoolAccount> account(String accountId) {
            return Mono.just(new SchoolAccount(accountId, "school", Platform.X, "@school", "1", Map.of(),
                    AccountStatus.ACTIVE, List.of("runner-1", "runner-2"), null));
        }

        @Override
        public Flux<SchoolAccount> ofSchool(String schoolId) {
            return Flux.empty();
        }

        @Override
        public Flux<SchoolAccount> monitored() {
            return Flux.empty();
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
    }

    private static final class Directory implements SchoolDirectory {

        @Override
        public Mono<SchoolView> school(String schoolId) {
            return Mono.empty();
        }

        @Override
        public Flux<SchoolView> schools() {
            return Flux.empty();
        }

        @Override
        public Mono<StaffView> staff(String staffId) {
            return Mono.empty();
        }

        @Override
        public Flux<StaffView> staffWithRole(String schoolId, Role role) {
            return Flux.just(new StaffView("slt-1", schoolId, "SLT", "slt@school.test", "slt", Set.of(Role.SLT),
                    true, true));
        }
    }
}
