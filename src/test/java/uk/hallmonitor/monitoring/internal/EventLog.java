package uk.hallmonitor.monitoring.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.ObjectProvider;
import reactor.core.publisher.Mono;
import uk.hallmonitor.monitoring.ConnectionFailing;
import uk.hallmonitor.monitoring.ConnectionRestored;
import uk.hallmonitor.monitoring.PostEdited;
import uk.hallmonitor.monitoring.PostReceived;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.system.events.DomainEventListener;

/** Records the events of one type a test context publishes; concrete subclasses fix the type for Spring. */
abstract class EventLog<E> implements DomainEventListener<E> {

    final List<E> events = new CopyOnWriteArrayList<>();

    @Override
    public Mono<Void> on(E event) {
        return Mono.fromRunnable(() -> events.add(event));
    }

    /** Records each {@link PostReceived} and whether the post could already be read from the store. */
    static class Received extends EventLog<PostReceived> {

        final List<String> notYetStored = new CopyOnWriteArrayList<>();
        private final ObjectProvider<Posts> posts;

        Received(ObjectProvider<Posts> posts) {
            this.posts = posts;
        }

        @Override
        public Mono<Void> on(PostReceived event) {
            return posts.getObject().post(event.postId()).hasElement()
                    .doOnNext(stored -> {
                        if (!stored) {
                            notYetStored.add(event.postId());
                        }
                    })
                    .then(super.on(event));
        }
    }

    static class Edited extends EventLog<PostEdited> {
    }

    static class Failing extends EventLog<ConnectionFailing> {
    }

    static class Restored extends EventLog<ConnectionRestored> {
    }
}
