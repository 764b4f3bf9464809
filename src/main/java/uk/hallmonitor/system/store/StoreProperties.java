package uk.hallmonitor.system.store;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Hallmonitor keeps its data.
 *
 * @param mongodbUri a MongoDB connection string ({@code MONGODB_URI}); when blank the embedded store is started
 * @param dataDir    folder for the embedded store and local key files ({@code HALLMONITOR_DATA_DIR})
 * @param database   database name used when the connection string names none
 * @param inMemory   keep the embedded store in memory only (tests: each application context gets its own)
 * @param cacheMb    megabytes of the embedded store's page cache ({@code HALLMONITOR_STORE_CACHE_MB}, default 128):
 *                   a page read from the file is decompressed and deserialized again whenever it has left the
 *                   cache, so a cache smaller than the working set makes every indexed read pay that cost
 */
@ConfigurationProperties("hallmonitor.store")
public record StoreProperties(
        /** A MongoDB connection string; blank starts the embedded store. */ String mongodbUri,
        /** Folder for the embedded store and local key files. */ Path dataDir,
        /** Database name used when the connection string names none. */ String database,
        /** Keep the embedded store in memory only; for tests. */ boolean inMemory,
        /** Megabytes of the embedded store's page cache. */ Integer cacheMb) {

    public StoreProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        database = database == null || database.isBlank() ? "hallmonitor" : database;
        if (cacheMb == null) {
            cacheMb = 128;
        } else if (cacheMb < 1) {
            throw new IllegalArgumentException("hallmonitor.store.cache-mb must be at least 1 (megabytes), was "
                    + cacheMb);
        }
    }

    public boolean embedded() {
        return mongodbUri == null || mongodbUri.isBlank();
    }
}
