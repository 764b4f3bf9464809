package uk.hallmonitor.classification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.classification.internal.Lexicon;
import uk.hallmonitor.classification.internal.ModelBundle;

/**
 * Wires the classifier: the bundle installed in the model directory when there is one, else the shipped models,
 * plus the school's terms, loading in the background unless told otherwise (the "models" health component says
 * when they are in); and the watch that switches to a newly installed version.
 */
@Configuration(proxyBeanMethods = false)
class ClassificationConfiguration {

    /**
     * By default the models load on a thread of their own: the service starts and answers without waiting for them,
     * posts wait to be classified, and readiness reports LOADING until they are in.
     */
    @Bean
    OpenNlpPostClassifier postClassifier(ClassificationProperties properties) {
        Path directory = properties.modelDirectory();
        Supplier<ModelBundle> bundle =
                () -> directory != null && Files.exists(directory.resolve(ModelBundle.PROPERTIES))
                        ? ModelBundle.load(directory) : ModelBundle.loadShipped();
        Lexicon terms = schoolTerms(properties.lexiconFile());
        return properties.loadModelsInBackground()
                ? OpenNlpPostClassifier.loadingInBackground(bundle, properties, terms)
                : new OpenNlpPostClassifier(bundle.get(), properties, terms);
    }

    /** Health component "models": LOADING, then UP with the version (readiness waits for it), DOWN if they failed. */
    @Bean("models")
    ClassifierHealth classifierHealth(OpenNlpPostClassifier classifier) {
        return new ClassifierHealth(classifier);
    }

    @Bean
    InstalledModels installedModels(OpenNlpPostClassifier classifier, ClassificationProperties properties) {
        return new InstalledModels(classifier, properties.modelDirectory() != null ? properties.modelDirectory()
                : Path.of("data", "classification", "models"), properties.modelCheckEvery());
    }

    @Bean
    ModerationFeedback moderationFeedback(ClassificationProperties properties) {
        return new ModerationFeedback(properties.feedbackFile());
    }

    /** The base lexicon plus the school's own file, if any. */
    static Lexicon schoolTerms(Path file) {
        if (file == null || !Files.exists(file)) {
            return Lexicon.base();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Lexicon.base().with(Lexicon.read(in).entries());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lexicon file " + file + ": " + e.getMessage(), e);
        }
    }
}
