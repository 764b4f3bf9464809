package uk.hallmonitor.classification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import opennlp.tools.doccat.DocumentCategorizerME;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.hallmonitor.classification.internal.Ensemble;
import uk.hallmonitor.classification.internal.LanguageGuess;
import uk.hallmonitor.classification.internal.Lexicon;
import uk.hallmonitor.classification.internal.ModelBundle;
import uk.hallmonitor.classification.internal.NormalisedText;
import uk.hallmonitor.classification.internal.OffensiveFeatures;
import uk.hallmonitor.classification.internal.PersonalDataDetector;
import uk.hallmonitor.classification.internal.PostFeatures;
import uk.hallmonitor.classification.internal.SafeguardingRules;
import uk.hallmonitor.classification.internal.SentenceEncoder;
import uk.hallmonitor.classification.internal.StackedHeads;
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

    // the models in use; null only while the service's first bundle is still loading in the background
    private final AtomicReference<InUse> inUse;
    private final CompletableFuture<Void> loaded;
    private final ClassificationProperties properties;
    private final TextNormaliser normaliser;
    private final PostFeatures features;
    private final OffensiveFeatures offensiveFeatures;
    private final Lexicon lexicon;
    private final PersonalDataDetector personalData = new PersonalDataDetector();
    private final Set<Lexicon.Entry> base = Set.copyOf(Lexicon.base().entries());
    private final Batches batches = new Batches();
    private final ConcurrentLinkedQueue<Queued> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /** A model version and each thread's categorizers over it. */
    private record InUse(ModelBundle models, ThreadLocal<Categorizers> categorizers) {

        static InUse of(ModelBundle models) {
            return new InUse(models, ThreadLocal.withInitial(() -> new Categorizers(models)));
        }
    }

    public OpenNlpPostClassifier(ModelBundle models, ClassificationProperties properties, Lexicon schoolTerms) {
        this(properties, schoolTerms);
        if (models.stack() != null) {
            encoder(models); // loaded with the models, not on the first post
        }
        inUse.set(InUse.of(models));
        loaded.complete(null);
    }

    /**
     * A classifier whose models load on a thread of their own, so the service answers (and reports itself alive)
     * while they load; {@link #ready()} says when they are in, and every classification waits for them.
     */
    public static OpenNlpPostClassifier loadingInBackground(Supplier<ModelBundle> bundle,
                                                            ClassificationProperties properties, Lexicon schoolTerms) {
        OpenNlpPostClassifier classifier = new OpenNlpPostClassifier(properties, schoolTerms);
        Thread loader = new Thread(() -> {
            try {
                ModelBundle models = bundle.get();
                if (models.stack() != null) {
                    encoder(models);
                }
                // a version installed meanwhile (use) wins over the first one
                classifier.inUse.compareAndSet(null, InUse.of(models));
                classifier.loaded.complete(null);
            } catch (RuntimeException | Error e) {
                classifier.loaded.completeExceptionally(e);
            }
        }, "classifier-models");
        loader.setDaemon(true);
        loader.start();
        return classifier;
    }

    private OpenNlpPostClassifier(ClassificationProperties properties, Lexicon schoolTerms) {
        this.inUse = new AtomicReference<>();
        this.loaded = new CompletableFuture<>();
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

    /** The version of the models in use (waiting for them while they load). */
    public String modelVersion() {
        return current().models().version();
    }

    /** Whether the models are loaded; false while they load, or when loading failed ({@link #loadFailure}). */
    public boolean ready() {
        return loaded.isDone() && !loaded.isCompletedExceptionally();
    }

    /** Completes when the models are in (at once when they are), or fails with the reason they could not be loaded. */
    public Mono<Void> whenLoaded() {
        return Mono.fromFuture(loaded, true);
    }

    /** Why the models could not be loaded, if they could not. */
    public Optional<String> loadFailure() {
        if (!loaded.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            loaded.join();
            return Optional.empty();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Optional.of(String.valueOf(cause.getMessage()));
        }
    }

    /** The models in use, waiting for the first bundle while it loads. */
    private InUse current() {
        InUse now = inUse.get();
        if (now != null) {
            return now;
        }
        try {
            loaded.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the classification models could not be loaded: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        return inUse.get();
    }

    /** Switches to another model version (a retrained bundle); later verdicts are made and labelled by it. */
    public void use(ModelBundle models) {
        if (models.stack() != null) {
            encoder(models);
        }
        inUse.set(InUse.of(models));
        loaded.complete(null);
    }

    @Override
    public Verdict classify(String text) {
        return classify(text, null);
    }

    @Override
    public List<Verdict> classifyAll(List<String> texts) {
        return classifyAll(texts, (String) null);
    }

    /**
     * The verdict under one school's thresholds ({@code schoolId} may be null: the defaults). Callers on several
     * threads at once are served in one batch: while a batch runs, texts that arrive queue up and go through the
     * encoder together next, so a burst of posts uses the batch path without any caller waiting for a timer.
     */
    public Verdict classify(String text, String schoolId) {
        if (current().models().stack() == null) {
            return classifyAll(List.of(text == null ? "" : text), schoolId).get(0);
        }
        return batches.submit(text == null ? "" : text, schoolId);
    }

    /** Largest batch the queue hands to the encoder at once. */
    static final int QUEUE_BATCH = 64;

    /**
     * Queues the text; one worker on the parallel scheduler drains the queue in batches of up to
     * {@value #QUEUE_BATCH}, so posts that arrive together are embedded together and no caller's thread blocks.
     */
    @Override
    public Mono<Verdict> classifyLater(String text) {
        // while the models load, texts wait here rather than on the parallel scheduler's threads
        return whenLoaded().then(Mono.defer(() -> {
            CompletableFuture<Verdict> future = new CompletableFuture<>();
            queued.add(new Queued(text == null ? "" : text, future));
            if (draining.compareAndSet(false, true)) {
                Schedulers.parallel().schedule(this::drain);
            }
            return Mono.fromFuture(future);
        }));
    }

    private void drain() {
        while (true) {
            List<Queued> batch = new ArrayList<>();
            for (Queued q; batch.size() < QUEUE_BATCH && (q = queued.poll()) != null;) {
                batch.add(q);
            }
            if (batch.isEmpty()) {
                draining.set(false);
                // a text queued after the poll but before the flag was cleared must not be stranded
                if (queued.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                List<Verdict> verdicts = classifyAll(batch.stream().map(Queued::text).toList(), (String) null);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).future().complete(verdicts.get(i));
                }
            } catch (RuntimeException e) {
                batch.forEach(q -> q.future().completeExceptionally(e));
            }
        }
    }

    /** A text waiting in the queue. */
    private record Queued(String text, CompletableFuture<Verdict> future) {
    }

    /** Verdicts for many texts under one school's thresholds, the sentence vectors computed in one batch. */
    public List<Verdict> classifyAll(List<String> texts, String schoolId) {
        List<String> schools = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            schools.add(schoolId);
        }
        return classifyEach(texts, schools);
    }

    private List<Verdict> classifyEach(List<String> texts, List<String> schoolIds) {
        InUse current = current();
        ModelBundle models = current.models();
        List<NormalisedText> normalised = new ArrayList<>(texts.size());
        List<String> encoderTexts = new ArrayList<>();
        List<Integer> encoded = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            NormalisedText n = normaliser.normalise(texts.get(i));
            normalised.add(n);
            if (models.stack() != null && n.tokens().length > 0 && LanguageGuess.of(n).equals("en")) {
                encoderTexts.add(TextNormaliser.encoderText(n));
                encoded.add(i);
            }
        }
        float[][] vectors = new float[texts.size()][];
        if (!encoderTexts.isEmpty()) {
            float[][] v = encoder(models).embed(encoderTexts);
            for (int k = 0; k < v.length; k++) {
                vectors[encoded.get(k)] = v[k];
            }
        }
        List<Verdict> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(verdict(normalised.get(i), vectors[i], schoolIds.get(i), current));
        }
        return out;
    }

    /** The encoder the bundle's stacked heads were trained on (their weights fit its vectors only). */
    private static SentenceEncoder encoder(ModelBundle models) {
        return SentenceEncoder.shared(SentenceEncoder.Kind.of(models.stack().encoder()));
    }

    private Verdict verdict(NormalisedText normalised, float[] vector, String schoolId, InUse current) {
        String language = LanguageGuess.of(normalised);
        List<String> featureList = features.features(normalised.tokens());
        // each model's feature generator picks its own precomputed list: computed once per text, not once per model
        Map<String, Object> extra = Map.of(PostFeatures.PRECOMPUTED, featureList,
                OffensiveFeatures.PRECOMPUTED, offensiveFeatures.features(normalised.cleaned(), normalised.tokens()));
        String[] tokens = normalised.tokens();
        ModelBundle models = current.models();
        Categorizers c = current.categorizers().get();
        Ensemble ensemble = models.ensemble();
        StackedHeads stack = vector == null ? null : models.stack();
        // a model with no weight in the ensemble is not asked: naive Bayes costs the most per text
        // no words, nothing to judge: the models would only answer with their prior
        double score = 0;
        if (tokens.length > 0) {
            double maxent = c.offensive(c.maxent, tokens, extra);
            score = stack != null && stack.head(Ensemble.OFFENSIVE) != null
                    ? stack.head(Ensemble.OFFENSIVE).probability(vector, maxent)
                    : ensemble.score(maxent, ensemble.bayesWeight() == 0 ? 0.5 : c.offensive(c.bayes, tokens, extra),
                            ensemble.auxWeight() == 0 ? 0.5 : c.offensive(c.aux, tokens, extra));
        }
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
            // with the stacked models the base lexicon is a feature, and only its phrases stay rules: single words
            // ("shoot", "bomb") are exactly what sport talk and idioms use harmlessly; a school's own terms always rule
            if (category == null || (stack != null && base.contains(hit) && (hit.phrase().indexOf(' ') < 0
                    || hit.weight() < 0.85))) {
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
        boolean aboutThemself = false;
        for (SafeguardingRules.Match match : SafeguardingRules.find(normalised)) {
            Category category = categoryOf(match.rule().category());
            scores.merge(category, 0.9, Math::max);
            aboutThemself |= match.rule().firstPerson();
            explanation.add("rule " + match.rule().id() + ": \"" + match.text() + "\" (" + category + ")");
        }
        if (!english) {
            // the models only know English: keep what the rules found, with a low-confidence score
            score = Math.min(score, 0.5) * 0.5;
            explanation.add("language not supported: low-confidence verdict from rules only");
        } else {
            double[] categoryProbabilities = c.category.categorize(tokens, extra);
            for (int i = 0; i < categoryProbabilities.length; i++) {
                Category category = categoryOf(c.category.getCategory(i));
                if (category == null) {
                    continue;
                }
                double p = categoryProbabilities[i];
                StackedHeads.Head head = stack == null ? null : stack.head(category.name());
                if (head != null) {
                    // the head's cross-validated threshold lands on the category's configured default threshold, so
                    // schools' own thresholds move it up or down from there
                    p = calibrated(head.probability(vector, p), head.threshold(),
                            ClassificationProperties.DEFAULT_CATEGORY_THRESHOLDS.getOrDefault(category, 0.5));
                }
                if (NEED_OFFENSIVE.contains(category)) {
                    // abuse-like categories only count when the text reads as offensive overall
                    p = Math.min(p, score / Math.max(threshold, 1e-6) * 0.5 + p * 0.5);
                }
                scores.merge(category, p, Math::max);
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
        if (offensive && flagged.stream().noneMatch(f -> NEED_OFFENSIVE.contains(f.name())
                || f.name() == Category.THREAT || f.name() == Category.SEXUAL || f.name() == Category.SELF_HARM
                || f.name() == Category.EXTREMISM)) {
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
        // a disclosure, or self-harm the writer speaks of themself (not urged on someone), is CRITICAL even when
        // nothing in it is offensive
        boolean selfHarmAboutThemself = flagged.stream().anyMatch(f -> f.name() == Category.SELF_HARM)
                && (aboutThemself || !offensive && SafeguardingRules.firstPerson(tokens));
        Severity severity = severity(flagged, suspectedIllegal || selfHarmAboutThemself);

        Intent intent = Intent.OTHER;
        double intentScore = 0;
        if (english && tokens.length > 0) {
            double[] p = c.intent.categorize(tokens, extra);
            double[] q = p.clone();
            if (stack != null) {
                for (int i = 0; i < p.length; i++) {
                    StackedHeads.Head head = stack.head("intent:" + c.intent.getCategory(i));
                    if (head != null) {
                        q[i] = head.probability(vector, p[i]);
                    }
                }
            }
            int best = 0;
            for (int i = 1; i < q.length; i++) {
                if (q[i] > q[best]) {
                    best = i;
                }
            }
            intent = Intent.valueOf(c.intent.getCategory(best));
            intentScore = round(q[best]);
        }
        if (offensive || !flagged.isEmpty()) {
            explainFeatures(models, featureList, explanation);
        }
        if (reported && !hits.isEmpty()) {
            explanation.add("reads as reported or condemned language: term weights reduced");
        }
        if (selfHarmAboutThemself) {
            explanation.add(0, "self-harm about the writer: to the DSL at once");
        }
        if (suspectedIllegal) {
            explanation.add(0, "sexual content mentioning children: suspected illegal, do not copy or forward");
        }
        return new Verdict(offensive, round(score), List.copyOf(flagged), severity, safeguarding, suspectedIllegal,
                intent, intentScore, language, models.version(), List.copyOf(explanation));
    }

    /** Maps a head probability so that its threshold lands on {@code target}: monotone, so order is kept. */
    static double calibrated(double p, double threshold, double target) {
        double z = logit(p) - logit(threshold) + logit(target);
        return 1 / (1 + Math.exp(-z));
    }

    private static double logit(double p) {
        double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
        return Math.log(q / (1 - q));
    }

    private static Severity severity(List<CategoryScore> flagged, boolean critical) {
        if (flagged.isEmpty()) {
            return Severity.NONE;
        }
        Severity severity = Severity.LOW;
        for (CategoryScore f : flagged) {
            Severity s = switch (f.name()) {
                case THREAT, SELF_HARM -> f.score() >= 0.75 ? Severity.CRITICAL : Severity.HIGH;
                case DISCLOSURE -> Severity.CRITICAL;
                case EXTREMISM, HATE, SEXUAL -> Severity.HIGH;
                case ABUSE, BULLYING -> Severity.MEDIUM;
                case PROFANITY, SPAM, PERSONAL_DATA -> Severity.LOW;
            };
            if (s.compareTo(severity) > 0) {
                severity = s;
            }
        }
        return critical ? Severity.CRITICAL : severity;
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
            explanation
                    .add("model feature \"" + readable(top[k]) + "\" (+" + Math.round(weights[k] * 100) / 100.0 + ")");
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
            case "DISCLOSURE" -> Category.DISCLOSURE;
            default -> null;
        };
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /**
     * Coalesces concurrent single-text calls into batches without a timer: one caller at a time runs everything
     * queued so far as one batch; callers that arrive meanwhile wait, and one of them runs the next batch.
     */
    private final class Batches {

        private final Object lock = new Object();
        private List<Pending> queue = new ArrayList<>();
        private boolean running;

        Verdict submit(String text, String schoolId) {
            Pending mine = new Pending(text, schoolId);
            synchronized (lock) {
                queue.add(mine);
            }
            while (true) {
                List<Pending> batch;
                synchronized (lock) {
                    while (running && !mine.done) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while waiting to be classified", e);
                        }
                    }
                    if (mine.done) {
                        return mine.result();
                    }
                    running = true;
                    batch = queue;
                    queue = new ArrayList<>();
                }
                try {
                    List<Verdict> verdicts = classifyEach(batch.stream().map(Pending::text).toList(),
                            batch.stream().map(Pending::schoolId).toList());
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).verdict = verdicts.get(i);
                    }
                } catch (RuntimeException e) {
                    batch.forEach(p -> p.failure = e);
                } finally {
                    synchronized (lock) {
                        batch.forEach(p -> p.done = true);
                        running = false;
                        lock.notifyAll();
                    }
                }
            }
        }
    }

    /** A text waiting for its batch. */
    private static final class Pending {
        final String text;
        final String schoolId;
        Verdict verdict;
        RuntimeException failure;
        boolean done;

        Pending(String text, String schoolId) {
            this.text = text;
            this.schoolId = schoolId;
        }

        String text() {
            return text;
        }

        String schoolId() {
            return schoolId;
        }

        Verdict result() {
            if (failure != null) {
                throw failure;
            }
            return verdict;
        }
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
            bayes = models.offensiveNb() == null ? null : new DocumentCategorizerME(models.offensiveNb());
            aux = models.offensiveAux() == null ? null : new DocumentCategorizerME(models.offensiveAux());
            category = new DocumentCategorizerME(models.category());
            intent = new DocumentCategorizerME(models.intent());
        }

        double offensive(DocumentCategorizerME categorizer, String[] tokens, Map<String, Object> extra) {
            double[] p = categorizer.categorize(tokens, extra);
            return p[categorizer.getIndex(Ensemble.OFFENSIVE)];
        }
    }
}
