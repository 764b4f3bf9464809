package uk.hallmonitor.classification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import opennlp.tools.doccat.DocumentCategorizerME;
import uk.hallmonitor.classification.internal.Ensemble;
import uk.hallmonitor.classification.internal.LanguageGuess;
import uk.hallmonitor.classification.internal.Lexicon;
import uk.hallmonitor.classification.internal.ModelBundle;
import uk.hallmonitor.classification.internal.NormalisedText;
import uk.hallmonitor.classification.internal.OffensiveFeatures;
import uk.hallmonitor.classification.internal.PersonalDataDetector;
import uk.hallmonitor.classification.internal.PostFeatures;
import uk.hallmonitor.classification.internal.TextNormaliser;

/**
 * The classification pipeline: normalise, compute each feature view once, ask the offensive models (a maxent
 * trained with Davidson's tweets added, naive Bayes and a second maxent; those the trained ensemble gives no weight
 * are not asked) and combine them, ask the category and intent models, then apply the rules that beat statistics
 * (personal data, the lexicon, content involving children).
 *
 * <p>The models are shared; each thread gets its own {@code DocumentCategorizerME}s because they are not
 * thread-safe. A newly installed model version is switched in with {@link #use}: texts already being classified
 * finish on the version they started with, and every verdict names the version that made it.
 */
public final class OpenNlpPostClassifier implements PostClassifier {

    private static final Set<Category> NEED_OFFENSIVE = Set.of(Category.ABUSE, Category.BULLYING, Category.HATE,
            Category.PROFANITY);
    private static final Set<String> REPORTING_CUES = Set.of("called", "calling", "call", "said", "says", "saying",
            "shouted", "heard", "word", "words", "acceptable", "tolerate", "tolerated", "report", "reported",
            "language", "unacceptable", "racist", "racism", "homophobic", "homophobia", "bullying", "bullied",
            "quote", "quoted", "using", "use", "used", "like");

    private final AtomicReference<InUse> inUse;
    private final ClassificationProperties properties;
    private final TextNormaliser normaliser;
    private final PostFeatures features;
    private final OffensiveFeatures offensiveFeatures;
    private final Lexicon lexicon;
    private final PersonalDataDetector personalData = new PersonalDataDetector();

    /** A model version and each thread's categorizers over it. */
    private record InUse(ModelBundle models, ThreadLocal<Categorizers> categorizers) {

        static InUse of(ModelBundle models) {
            return new InUse(models, ThreadLocal.withInitial(() -> new Categorizers(models)));
        }
    }

    public OpenNlpPostClassifier(ModelBundle models, ClassificationProperties properties, Lexicon schoolTerms) {
        this.inUse = new AtomicReference<>(InUse.of(models));
        this.properties = properties;
        Lexicon base = Lexicon.base();
        this.normaliser = new TextNormaliser(base);
        this.features = new PostFeatures(base);
        this.offensiveFeatures = new OffensiveFeatures(base);
        this.lexicon = schoolTerms;
    }

    /** With the base lexicon only. */
    public OpenNlpPostClassifier(ModelBundle models, ClassificationProperties properties) {
        this(models, properties, Lexicon.base());
    }

    /** The version of the models in use. */
    public String modelVersion() {
        return inUse.get().models().version();
    }

    /** Switches to another model version (a retrained bundle); later verdicts are made and labelled by it. */
    public void use(ModelBundle models) {
        inUse.set(InUse.of(models));
    }

    @Override
    public Verdict classify(String text) {
        return classify(text, null);
    }

    /** The verdict under one school's thresholds ({@code schoolId} may be null: the defaults). */
    public Verdict classify(String text, String schoolId) {
        NormalisedText normalised = normaliser.normalise(text);
        String language = LanguageGuess.of(normalised);
        List<String> featureList = features.features(normalised.tokens());
        // each model's feature generator picks its own precomputed list: computed once per text, not once per model
        Map<String, Object> extra = Map.of(PostFeatures.PRECOMPUTED, featureList,
                OffensiveFeatures.PRECOMPUTED, offensiveFeatures.features(normalised.cleaned(), normalised.tokens()));
        String[] tokens = normalised.tokens();
        InUse current = inUse.get();
        ModelBundle models = current.models();
        Categorizers c = current.categorizers().get();
        Ensemble ensemble = models.ensemble();
        // a model with no weight in the ensemble is not asked: naive Bayes costs the most per text
        // no words, nothing to judge: the models would only answer with their prior
        double score = tokens.length == 0 ? 0 : ensemble.score(c.offensive(c.maxent, tokens, extra),
                ensemble.bayesWeight() == 0 ? 0.5 : c.offensive(c.bayes, tokens, extra),
                ensemble.auxWeight() == 0 ? 0.5 : c.offensive(c.aux, tokens, extra));
        boolean english = language.equals("en");
        double threshold = properties.offensiveThreshold(schoolId, models.ensemble().threshold());

        List<String> explanation = new ArrayList<>();
        Map<Category, Double> scores = new EnumMap<>(Category.class);
        List<Lexicon.Entry> hits = lexicon.find(tokens);
        boolean reported = isReportedSpeech(tokens);
        boolean minors = false;
        for (Lexicon.Entry hit : hits) {
            if (hit.category().equals("MINOR")) {
                minors = true;
                continue;
            }
            Category category = categoryOf(hit.category());
            if (category == null) {
                continue;
            }
            double weight = reported && (category == Category.HATE || category == Category.PROFANITY
                    || category == Category.ABUSE) ? hit.weight() * 0.4 : hit.weight();
            scores.merge(category, weight, Math::max);
            explanation.add("term \"" + hit.phrase() + "\" (" + category + ")");
        }
        for (PersonalDataDetector.Finding finding : personalData.find(normalised.cleaned())) {
            scores.merge(Category.PERSONAL_DATA, 0.95, Math::max);
            explanation.add(finding.kind() + " (PERSONAL_DATA)");
        }
        if (!english) {
            // the models only know English: keep what the rules found, with a low-confidence score
            score = Math.min(score, 0.5) * 0.5;
            explanation.add("language not supported: low-confidence verdict from rules only");
        } else {
            double[] categoryProbabilities = c.category.categorize(tokens, extra);
            for (int i = 0; i < categoryProbabilities.length; i++) {
                Category category = categoryOf(c.category.getCategory(i));
                if (category != null) {
                    double p = categoryProbabilities[i];
                    if (NEED_OFFENSIVE.contains(category)) {
                        // abuse-like categories only count when the text reads as offensive overall
                        p = Math.min(p, score / Math.max(threshold, 1e-6) * 0.5 + p * 0.5);
                    }
                    scores.merge(category, p, Math::max);
                }
            }
        }
        boolean offensive = english ? score >= threshold : scores.keySet().stream().anyMatch(NEED_OFFENSIVE::contains)
                && scores.values().stream().anyMatch(s -> s >= 0.9);

        List<CategoryScore> flagged = new ArrayList<>();
        for (Map.Entry<Category, Double> e : scores.entrySet()) {
            double s = e.getValue();
            boolean ruleOnly = !english;
            double t = properties.categoryThreshold(schoolId, e.getKey());
            if (s >= t && (!ruleOnly || s >= 0.9)) {
                flagged.add(new CategoryScore(e.getKey(), round(s)));
            }
        }
        if (offensive && flagged.isEmpty()) {
            // an offensive text always names the abuse-like category the models think most likely
            Category best = Category.ABUSE;
            double bestScore = -1;
            for (Map.Entry<Category, Double> e : scores.entrySet()) {
                if (NEED_OFFENSIVE.contains(e.getKey()) && e.getValue() > bestScore) {
                    best = e.getKey();
                    bestScore = e.getValue();
                }
            }
            flagged.add(new CategoryScore(best, round(Math.max(bestScore, score))));
        }
        flagged.sort(Comparator.comparingDouble(CategoryScore::score).reversed());

        boolean sexual = flagged.stream().anyMatch(f -> f.name() == Category.SEXUAL);
        boolean suspectedIllegal = sexual && minors;
        boolean safeguarding = suspectedIllegal || flagged.stream().anyMatch(f -> f.name().safeguarding());
        Severity severity = severity(flagged, suspectedIllegal);

        Intent intent = Intent.OTHER;
        double intentScore = 0;
        if (english && tokens.length > 0) {
            double[] p = c.intent.categorize(tokens, extra);
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                if (p[i] > p[best]) {
                    best = i;
                }
            }
            intent = Intent.valueOf(c.intent.getCategory(best));
            intentScore = round(p[best]);
        }
        if (offensive || !flagged.isEmpty()) {
            explainFeatures(models, featureList, explanation);
        }
        if (reported && !hits.isEmpty()) {
            explanation.add("reads as reported or condemned language: term weights reduced");
        }
        if (suspectedIllegal) {
            explanation.add(0, "sexual content mentioning children: suspected illegal, do not copy or forward");
        }
        return new Verdict(offensive, round(score), List.copyOf(flagged), severity, safeguarding, suspectedIllegal,
                intent, intentScore, language, models.version(), List.copyOf(explanation));
    }

    private static Severity severity(List<CategoryScore> flagged, boolean suspectedIllegal) {
        if (flagged.isEmpty()) {
            return Severity.NONE;
        }
        Severity severity = Severity.LOW;
        for (CategoryScore f : flagged) {
            Severity s = switch (f.name()) {
                case THREAT, SELF_HARM -> f.score() >= 0.75 ? Severity.CRITICAL : Severity.HIGH;
                case EXTREMISM, HATE -> Severity.HIGH;
                case ABUSE, BULLYING, SEXUAL -> Severity.MEDIUM;
                case PROFANITY, SPAM, PERSONAL_DATA -> Severity.LOW;
            };
            if (s.compareTo(severity) > 0) {
                severity = s;
            }
        }
        return suspectedIllegal ? Severity.CRITICAL : severity;
    }

    /** Words and word pairs that pushed the main model hardest towards "offensive". */
    private static void explainFeatures(ModelBundle models, List<String> featureList, List<String> explanation) {
        String[] top = new String[3];
        double[] weights = new double[3];
        for (String feature : featureList) {
            if (feature.startsWith("w=") || feature.startsWith("b=") || feature.startsWith("m=__emo")) {
                double w = models.offensiveWeight(feature);
                if (w <= 0.3 || feature.equals(top[0]) || feature.equals(top[1]) || feature.equals(top[2])) {
                    continue;
                }
                for (int k = 0; k < 3; k++) {
                    if (w > weights[k]) {
                        System.arraycopy(top, k, top, k + 1, 2 - k);
                        System.arraycopy(weights, k, weights, k + 1, 2 - k);
                        top[k] = feature;
                        weights[k] = w;
                        break;
                    }
                }
            }
        }
        for (int k = 0; k < 3 && top[k] != null; k++) {
            explanation.add("model feature \"" + readable(top[k]) + "\" (+" + Math.round(weights[k] * 100) / 100.0 + ")");
        }
    }

    private static String readable(String feature) {
        String value = feature.substring(2);
        return feature.startsWith("b=") ? value.replace('_', ' ') : value.replace("__emo_", "emoji:");
    }

    private static boolean isReportedSpeech(String[] tokens) {
        for (String token : tokens) {
            if (REPORTING_CUES.contains(token)) {
                return true;
            }
        }
        return false;
    }

    private static Category categoryOf(String name) {
        return switch (name) {
            case "ABUSE" -> Category.ABUSE;
            case "BULLYING" -> Category.BULLYING;
            case "THREAT" -> Category.THREAT;
            case "HATE" -> Category.HATE;
            case "SEXUAL" -> Category.SEXUAL;
            case "PROFANITY" -> Category.PROFANITY;
            case "SPAM" -> Category.SPAM;
            case "PERSONAL_DATA" -> Category.PERSONAL_DATA;
            case "EXTREMISM" -> Category.EXTREMISM;
            case "SELF_HARM" -> Category.SELF_HARM;
            default -> null;
        };
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** One thread's categorizers over the shared models. */
    private static final class Categorizers {
        final DocumentCategorizerME maxent;
        final DocumentCategorizerME bayes;
        final DocumentCategorizerME aux;
        final DocumentCategorizerME category;
        final DocumentCategorizerME intent;

        Categorizers(ModelBundle models) {
            maxent = new DocumentCategorizerME(models.offensiveMe());
            bayes = new DocumentCategorizerME(models.offensiveNb());
            aux = new DocumentCategorizerME(models.offensiveAux());
            category = new DocumentCategorizerME(models.category());
            intent = new DocumentCategorizerME(models.intent());
        }

        double offensive(DocumentCategorizerME categorizer, String[] tokens, Map<String, Object> extra) {
            double[] p = categorizer.categorize(tokens, extra);
            return p[categorizer.getIndex(Ensemble.OFFENSIVE)];
        }
    }
}
