package uk.hallmonitor.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;
import uk.hallmonitor.classification.internal.Lexicon;
import uk.hallmonitor.classification.internal.ModelBundle;

/**
 * The service's default: the models load on a thread of their own, so start-up does not wait for them. Meanwhile
 * posts queue for classification (no thread held) and the "models" health component is LOADING; once they are in,
 * the queued posts are classified and the component is UP with the version; a bundle that cannot be read makes it
 * DOWN with the reason, and classification fails rather than waiting for ever.
 */
class ModelsLoadInBackgroundTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void postsWaitForTheModelsAndAreClassifiedOnceTheyAreIn() throws InterruptedException {
        ModelBundle shipped = ModelBundle.loadShipped();
        CountDownLatch release = new CountDownLatch(1);
        OpenNlpPostClassifier classifier = OpenNlpPostClassifier.loadingInBackground(() -> {
            await(release);
            return shipped;
        }, ClassificationProperties.defaults(), Lexicon.base());
        ClassifierHealth health = new ClassifierHealth(classifier);

        assertThat(classifier.ready()).isFalse();
        assertThat(health.health().block(WAIT).getStatus()).isEqualTo(ClassifierHealth.LOADING);
        var waiting = classifier.classifyLater("I know where you live and I will be waiting after school").toFuture();
        var praise = classifier.classifyLater("Lovely concert tonight, well done to the choir").toFuture();
        assertThat(waiting).isNotDone();

        release.countDown();

        assertThat(waiting.orTimeout(60, TimeUnit.SECONDS).join().modelVersion()).isEqualTo(shipped.version());
        assertThat(praise.orTimeout(60, TimeUnit.SECONDS).join().offensive()).isFalse();
        assertThat(classifier.ready()).isTrue();
        Health up = health.health().block(WAIT);
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("version", shipped.version());
    }

    @Test
    void modelsThatCannotBeReadMakeTheComponentDownWithTheReasonAndClassificationFails() {
        OpenNlpPostClassifier classifier = OpenNlpPostClassifier.loadingInBackground(() -> {
            throw new IllegalStateException("nlp-models/offensive-me.bin is not on the classpath");
        }, ClassificationProperties.defaults(), Lexicon.base());

        assertThatThrownBy(() -> classifier.whenLoaded().block(WAIT)).hasMessageContaining("offensive-me.bin");
        Health down = new ClassifierHealth(classifier).health().block(WAIT);
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) down.getDetails().get("error"))
                .isEqualTo("the classification models could not be loaded: nlp-models/offensive-me.bin is not on "
                        + "the classpath");
        assertThat(classifier.loadFailure()).isPresent();
        assertThatThrownBy(() -> classifier.classifyLater("hello").block(WAIT))
                .hasMessageContaining("offensive-me.bin");
        assertThat(Mono.fromCallable(classifier::ready).block()).isFalse();
    }

    @Test
    void aVersionInstalledWhileTheFirstLoadsIsTheOneInUse() {
        ModelBundle shipped = ModelBundle.loadShipped();
        CountDownLatch release = new CountDownLatch(1);
        OpenNlpPostClassifier classifier = OpenNlpPostClassifier.loadingInBackground(() -> {
            await(release);
            return shipped;
        }, ClassificationProperties.defaults(), Lexicon.base());
        ModelBundle installed = new ModelBundle(shipped.offensiveMe(), shipped.offensiveNb(), shipped.offensiveAux(),
                shipped.category(), shipped.intent(), shipped.ensemble(), shipped.stack(), "installed-meanwhile");

        classifier.use(installed);
        release.countDown();

        assertThat(classifier.classifyLater("lovely concert, thank you").block(WAIT).modelVersion())
                .isEqualTo("installed-meanwhile");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the models");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
