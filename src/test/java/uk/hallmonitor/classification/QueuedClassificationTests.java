package uk.hallmonitor.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** A burst through {@code classifyLater} is classified in batches and each post still gets its own verdict. */
class QueuedClassificationTests {

    private final OpenNlpPostClassifier classifier = new OpenNlpPostClassifier(TinyModels.train(),
            ClassificationProperties.defaults());

    @Test
    void aBurstOfQueuedPostsGetsTheVerdictsEachWouldGetAlone() {
        List<String> texts = new ArrayList<>();
        IntStream.range(0, 150).forEach(i -> texts.add(i % 3 == 0 ? "you are a useless idiot " + i
                : i % 3 == 1 ? "what time does the school open tomorrow? " + i : "thank you mrs patel " + i));

        List<Verdict> queued = Flux.fromIterable(texts).flatMapSequential(classifier::classifyLater, 150)
                .collectList().block();

        assertThat(queued).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Verdict alone = classifier.classify(texts.get(i));
            assertThat(queued.get(i).offensive()).as(texts.get(i)).isEqualTo(alone.offensive());
            assertThat(queued.get(i).score()).isEqualTo(alone.score());
            assertThat(queued.get(i).categories()).isEqualTo(alone.categories());
        }
    }

    @Test
    void concurrentSingleCallsAreAllAnswered() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Verdict> verdicts = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    verdicts.add(classifier.classify("nobody likes you jayden " + i));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(verdicts).hasSize(200).allMatch(v -> v.modelVersion().equals(classifier.modelVersion()));
    }
}
