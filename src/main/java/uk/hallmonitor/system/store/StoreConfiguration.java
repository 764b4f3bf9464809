package uk.hallmonitor.system.store;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects to MongoDB: the server named by {@code MONGODB_URI}, or else an embedded server (mongo-java-server with
 * an H2 MVStore file under the data folder) started on a free loopback port and reached through the real driver.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    @Bean
    EmbeddedStore embeddedStore(StoreProperties properties) {
        if (!properties.embedded()) {
            return EmbeddedStore.NONE;
        }
        return properties.inMemory() ? EmbeddedStore.inMemory()
                : EmbeddedStore.start(properties.dataDir(), properties.cacheMb());
    }

    @Bean
    MongoConnectionDetails mongoConnectionDetails(StoreProperties properties, EmbeddedStore embedded) {
        String uri = properties.embedded() ? embedded.connectionString(properties.database())
                : withDatabase(properties.mongodbUri(), properties.database());
        ConnectionString connection = new ConnectionString(uri);
        if (!properties.embedded()) {
            log.info("using MongoDB at {}", connection.getHosts());
        }
        return () -> connection;
    }

    private static String withDatabase(String uri, String database) {
        ConnectionString parsed = new ConnectionString(uri);
        if (parsed.getDatabase() != null) {
            return uri;
        }
        int query = uri.indexOf('?');
        String base = query < 0 ? uri : uri.substring(0, query);
        String options = query < 0 ? "" : uri.substring(query);
        return (base.endsWith("/") ? base : base + "/") + database + options;
    }

    /** The embedded server, or {@link #NONE} when a real MongoDB is used; stopped (and flushed) on shutdown. */
    static final class EmbeddedStore implements AutoCloseable {

        static final EmbeddedStore NONE = new EmbeddedStore(null, null, null);

        private final MongoServer server;
        private final DurableH2Backend backend;
        private final InetSocketAddress address;

        private EmbeddedStore(MongoServer server, DurableH2Backend backend, InetSocketAddress address) {
            this.server = server;
            this.backend = backend;
            this.address = address;
        }

        static EmbeddedStore start(Path dataDir) {
            return start(dataDir, new StoreProperties(null, dataDir, null, false, null).cacheMb());
        }

        static EmbeddedStore start(Path dataDir, int cacheMb) {
            Path file = dataDir.resolve("hallmonitor.mv");
            try {
                // the store holds every record: owner-only, like the master key beside it
                OwnerOnly.folder(dataDir);
                // a new store file is made empty and 0600 before MVStore opens it (an empty file is a new store);
                // an existing one made 0644 by an older version is narrowed
                OwnerOnly.file(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data folder " + dataDir.toAbsolutePath()
                        + " (owner-only) or its store file", e);
            }
            MVStore store;
            try {
                store = new MVStore.Builder().fileName(file.toString()).compress().cacheSize(cacheMb).open();
            } catch (org.h2.mvstore.MVStoreException e) {
                throw new IllegalStateException("cannot open the embedded store " + file.toAbsolutePath()
                        + (e.getMessage() != null && e.getMessage().contains("locked")
                                ? ": another Hallmonitor is using this data folder; stop it, or set HALLMONITOR_DATA_DIR"
                                        + " to another folder, or MONGODB_URI to share a real MongoDB"
                                : ": " + e.getMessage()),
                        e);
            }
            DurableH2Backend backend = new DurableH2Backend(store);
            MongoServer server = new MongoServer(backend);
            InetSocketAddress address = server.bind();
            log.info("embedded store {} listening on {}:{}", file.toAbsolutePath(), address.getHostString(),
                    address.getPort());
            return new EmbeddedStore(server, backend, address);
        }

        static EmbeddedStore inMemory() {
            DurableH2Backend backend = new DurableH2Backend(new MVStore.Builder().open());
            MongoServer server = new MongoServer(backend);
            InetSocketAddress address = server.bind();
            log.info("embedded in-memory store listening on {}:{}", address.getHostString(), address.getPort());
            return new EmbeddedStore(server, backend, address);
        }

        /** The queries the embedded store answered by reading a whole collection (none counted on a real MongoDB). */
        FullScans fullScans() {
            return backend == null ? new FullScans() : backend.fullScans();
        }

        String connectionString(String database) {
            return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
        }

        @Override
        public void close() {
            if (server != null) {
                server.shutdown();
                backend.close();
                log.info("embedded store closed");
            }
        }
    }
}
