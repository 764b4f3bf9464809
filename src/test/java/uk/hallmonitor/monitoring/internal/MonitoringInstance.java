package uk.hallmonitor.monitoring.internal;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import uk.hallmonitor.HallmonitorApplication;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.monitoring.Posts;

/**
 * One Hallmonitor instance for the monitoring tests: the whole application, talking through the real driver to a
 * MongoDB-speaking server that several instances may share, with a fake platform and a fake register. Polling is
 * driven by the test (Quartz off) unless asked otherwise.
 */
final class MonitoringInstance implements AutoCloseable {

    /** A MongoDB-speaking store that several instances share. */
    static final class SharedStore implements AutoCloseable {

        private final MongoServer server = new MongoServer(new MemoryBackend());
        final String uri;

        SharedStore() {
            InetSocketAddress address = server.bind();
            uri = "mongodb://" + address.getHostString() + ":" + address.getPort() + "/hallmonitor";
        }

        @Override
        public void close() {
            server.shutdownNow();
        }
    }

    final ConfigurableApplicationContext context;
    final EventLog.Received received;
    final EventLog.Edited edited;
    final EventLog.Failing failing;
    final EventLog.Restored restored;

    private MonitoringInstance(ConfigurableApplicationContext context, EventLog.Received received,
                               EventLog.Edited edited, EventLog.Failing failing, EventLog.Restored restored) {
        this.context = context;
        this.received = received;
        this.edited = edited;
        this.failing = failing;
        this.restored = restored;
    }

    static MonitoringInstance start(SharedStore store, FakePlatform platform, AccountRegister register,
                                    Clock clock, PollFaults faults, String... settings) {
        EventLog.Received[] received = new EventLog.Received[1];
        EventLog.Edited edited = new EventLog.Edited();
        EventLog.Failing failing = new EventLog.Failing();
        EventLog.Restored restored = new EventLog.Restored();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--hallmonitor.store.mongodb-uri=" + store.uri,
                "--hallmonitor.store.data-dir=" + tempDir(),
                "--hallmonitor.security.admin-password=admin-pass-1",
                "--hallmonitor.monitoring.enabled=false",
                "--hallmonitor.monitoring.poll-interval=1m",
                "--hallmonitor.monitoring.watch-interval=1m",
                "--hallmonitor.monitoring.backoff-initial=1m",
                "--logging.level.uk.hallmonitor.monitoring=warn",
                // the in-memory server logs every lost race for a lock (a duplicate key) as an error
                "--logging.level.de.bwaldvogel=off"));
        // a setting given by the test replaces the default above (Spring would join repeated arguments)
        for (String setting : settings) {
            String key = setting.substring(0, setting.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(key));
            args.add(setting);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HallmonitorApplication.class)
                .initializers(ctx -> {
                    GenericApplicationContext generic = (GenericApplicationContext) ctx;
                    generic.registerBean("fakePlatform", FakePlatform.class, () -> platform);
                    generic.registerBean("fakeRegister", AccountRegister.class, () -> register,
                            bd -> bd.setPrimary(true));
                    generic.registerBean("testClock", Clock.class, () -> clock, bd -> bd.setPrimary(true));
                    if (faults != null) {
                        generic.registerBean("pollFaults", PollFaults.class, () -> faults);
                    }
                    received[0] =
                            new EventLog.Received(generic.getDefaultListableBeanFactory().getBeanProvider(Posts.class));
                    generic.registerBean("receivedLog", EventLog.Received.class, () -> received[0]);
                    generic.registerBean("editedLog", EventLog.Edited.class, () -> edited);
                    generic.registerBean("failingLog", EventLog.Failing.class, () -> failing);
                    generic.registerBean("restoredLog", EventLog.Restored.class, () -> restored);
                })
                .run(args.toArray(String[]::new));
        return new MonitoringInstance(context, received[0], edited, failing, restored);
    }

    PollDispatcher.Round round() {
        return context.getBean(PollDispatcher.class).dispatch().block();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("hallmonitor-monitoring").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
