package uk.hallmonitor.classification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.hallmonitor.classification.internal.ModelBundle;

/**
 * Watches the model directory that {@code retrain} installs into and switches the running classifier to a new
 * version when one appears, so a retrained model is used without a restart. Loading runs off the event loop; a
 * bundle that fails to load is logged and the current version stays in use.
 */
class InstalledModels implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstalledModels.class);

    private final OpenNlpPostClassifier classifier;
    private final Path directory;
    private final Duration every;
    private volatile Disposable watching;

    InstalledModels(OpenNlpPostClassifier classifier, Path directory, Duration every) {
        this.classifier = classifier;
        this.directory = directory;
        this.every = every;
    }

    /** Loads the installed bundle if its version differs from the one in use; answers whether it switched. */
    boolean check() {
        if (!classifier.ready()) {
            return false; // the first bundle is still loading (and is the installed one when there is one)
        }
        String installed = installedVersion();
        if (installed == null || installed.equals(classifier.modelVersion())) {
            return false;
        }
        try {
            ModelBundle bundle = ModelBundle.load(directory);
            classifier.use(bundle);
            log.info("classification models {} from {} are now in use", bundle.version(), directory);
            return true;
        } catch (RuntimeException e) {
            log.warn("models in {} could not be loaded, keeping {}: {}", directory, classifier.modelVersion(),
                    e.getMessage());
            return false;
        }
    }

    private String installedVersion() {
        Path file = directory.resolve(ModelBundle.PROPERTIES);
        if (!Files.exists(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            return null;
        }
        return properties.getProperty("version");
    }

    @Override
    public void start() {
        watching = Flux.interval(every, every, Schedulers.boundedElastic()).onBackpressureDrop()
                .concatMap(tick -> Mono.fromCallable(this::check).onErrorResume(error -> Mono.empty()), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable d = watching;
        if (d != null) {
            d.dispose();
        }
        watching = null;
    }

    @Override
    public boolean isRunning() {
        return watching != null;
    }
}
