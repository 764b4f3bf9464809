package uk.hallmonitor.system.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * The H2 MVStore backend with a commit after every write command. MVStore on its own commits in the background
 * about once a second, so a {@code kill -9} could lose writes that were already answered; committing before the
 * answer leaves only what the operating system has not yet written to disk (a power cut, not a killed process).
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
            "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    DurableH2Backend(MVStore store) {
        super(store);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document answer = super.handleCommand(channel, databaseName, command, query);
        if (WRITES.contains(command.toLowerCase(java.util.Locale.ROOT))) {
            commit();
        }
        return answer;
    }
}
