package uk.hallmonitor.classification;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How posts are classified: which models, which thresholds, which extra terms. */
@ConfigurationProperties("hallmonitor.classification")
public record ClassificationProperties(
        /** Directory of a retrained model bundle to use instead of the shipped one (unset: shipped). */
        Path modelDirectory,
        /** Score at or above which a text is offensive (unset: the threshold tuned at training). */
        Double offensiveThreshold,
        /** Score at or above which each category is flagged (unset categories: 0.5). */
        Map<Category, Double> categoryThresholds,
        /** Per-school overrides of the thresholds, by school id. */
        Map<String, SchoolThresholds> schools,
        /** A file of extra terms the school wants flagged: term, category, weight, tab-separated. */
        Path lexiconFile,
        /** Where moderators' corrections are appended as labelled examples for retraining. */
        Path feedbackFile,
        /** Longest text the classify endpoint accepts, in characters. */
        Integer maxTextLength,
        /** How often the model directory is checked for a newly installed (retrained) version. */
        Duration modelCheckEvery,
        /**
         * Whether the models load on a thread of their own after start-up (default), readiness reporting LOADING
         * until they are in; false: start-up waits for them.
         */
        Boolean loadModelsInBackground) {

    /** Default category threshold: safeguarding categories favour recall. */
    static final Map<Category, Double> DEFAULT_CATEGORY_THRESHOLDS = Map.of(
            Category.THREAT, 0.35, Category.SELF_HARM, 0.3, Category.EXTREMISM, 0.35, Category.SEXUAL, 0.4,
            Category.HATE, 0.45, Category.SPAM, 0.5, Category.PERSONAL_DATA, 0.5);

    public ClassificationProperties {
        categoryThresholds = categoryThresholds == null ? Map.of() : Map.copyOf(categoryThresholds);
        schools = schools == null ? Map.of() : Map.copyOf(schools);
        feedbackFile = feedbackFile == null ? Path.of("data", "classification", "feedback.tsv") : feedbackFile;
        maxTextLength = maxTextLength == null ? 10_000 : maxTextLength;
        modelCheckEvery = modelCheckEvery == null ? Duration.ofMinutes(1) : modelCheckEvery;
        loadModelsInBackground = loadModelsInBackground == null || loadModelsInBackground;
    }

    /** The defaults: shipped models, tuned thresholds. */
    public static ClassificationProperties defaults() {
        return new ClassificationProperties(null, null, null, null, null, null, null, null, null);
    }

    /** One school's thresholds. */
    public record SchoolThresholds(
            /** Score at or above which a text is offensive for this school. */
            Double offensiveThreshold,
            /** Per-category thresholds for this school. */
            Map<Category, Double> categoryThresholds) {

        public SchoolThresholds {
            categoryThresholds = categoryThresholds == null ? Map.of() : Map.copyOf(categoryThresholds);
        }
    }

    /** The offensive threshold for a school (null: none given), falling back to the global one, then the model's. */
    double offensiveThreshold(String schoolId, double modelDefault) {
        SchoolThresholds school = schoolId == null ? null : schools.get(schoolId);
        if (school != null && school.offensiveThreshold() != null) {
            return school.offensiveThreshold();
        }
        return offensiveThreshold != null ? offensiveThreshold : modelDefault;
    }

    /** The threshold for one category and school. */
    double categoryThreshold(String schoolId, Category category) {
        SchoolThresholds school = schoolId == null ? null : schools.get(schoolId);
        if (school != null && school.categoryThresholds().containsKey(category)) {
            return school.categoryThresholds().get(category);
        }
        Double global = categoryThresholds.get(category);
        return global != null ? global : DEFAULT_CATEGORY_THRESHOLDS.getOrDefault(category, 0.5);
    }
}
