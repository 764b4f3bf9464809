package uk.hallmonitor.classification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.classification.internal.Lexicon;
import uk.hallmonitor.classification.internal.ModelBundle;

/**
 * Wires the classifier (its models loading in the background, readiness reporting them): the bundle installed in the model directory when there is one, else the shipped models,
 * plus the school's terms; and the watch that switches to a newly installed version.
 */
@Configuration(proxyBeanMethods = false)
class ClassificationConfiguration {

    /** The models load in the background: the service starts without waiting, and readiness waits for them. */
    @Bean
    OpenNlpPostClassifier postClassifier(ClassificationProperties properties) {
        Path directory = properties.modelDirectory();
        return OpenNlpPostClassifier.loadingInBackground(
                () -> directory != null && Files.exists(directory.resolve(ModelBundle.PROPERTIES))
                        ? ModelBundle.load(directory) : ModelBundle.loadShipped(),
                properties, schoolTerms(properties.lexiconFile()));
    }

    /** Health component "models", in the readiness group: ready once the models are in. */
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
