package uk.hallmonitor.classification;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import uk.hallmonitor.classification.internal.ModelBundle;
import uk.hallmonitor.classification.internal.SentenceEncoder;

/**
 * The full pipeline with the shipped models (normaliser, n-gram models, e5-small sentence encoder, stacked heads,
 * rules): batches of 64 posts through the batch path (texts/s = ops/s × 64), one post at a time (latency
 * percentiles), two threads sharing one classifier through the micro-batching single-post path, and the time to load
 * the models and the encoder. Run by hand after {@code mvn -o test-compile}:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) uk.hallmonitor.classification.ClassifierBenchmark}.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ClassifierBenchmark {

    static final String[] TEXTS = {
            "@USER you are a useless idiot and should resign",
            "Is the school open on Monday after the snow?",
            "Huge thanks to Mrs Patel for all the support this term 👏",
            "Really disappointed with the new uniform policy, nobody told parents",
            "f u c k this school and everyone in it",
            "everyone hates you Jayden, nobody wants you here",
            "ring her on 07700 900123 and tell her",
            "We killed it on Saturday, proud of the under-13s!",
            "i cant do this anymore, i want to die",
            "Photos from sports day are on the website now URL",
            "what a sh1t show, the car park is a joke",
            "Free iPhone giveaway, click here and follow back",
            "Does anyone know what time the gates open tomorrow?",
            "The head is a lying piece of shit",
            "So proud of the netball team, what a result ❤️",
            "Je pense que l'école est très bien organisée",
    };

    /** One classifier shared by all benchmark threads, as in the service. */
    @State(Scope.Benchmark)
    public static class Shared {
        OpenNlpPostClassifier classifier;

        @Setup(Level.Trial)
        public void load() {
            classifier = new OpenNlpPostClassifier(ModelBundle.loadShipped(), ClassificationProperties.defaults());
        }
    }

    /** Each thread walks through the texts. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public Verdict classifyShortTexts(Shared shared, Cursor cursor) {
        String text = TEXTS[cursor.next++ & (TEXTS.length - 1)];
        return shared.classifier.classify(text);
    }

    /** The batch a monitoring burst or the classify command hands over: 64 posts. */
    static final List<String> BATCH = java.util.stream.IntStream.range(0, 64)
            .mapToObj(i -> TEXTS[i % TEXTS.length]).toList();

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(64)
    public List<Verdict> classifyBatchesOf64(Shared shared) {
        return shared.classifier.classifyAll(BATCH);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Verdict classifyOnePost(Shared shared, Cursor cursor) {
        return shared.classifier.classify(TEXTS[cursor.next++ & (TEXTS.length - 1)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 3)
    @Fork(3)
    public Object loadModels() {
        // a fresh encoder, not the process-wide one: the cost a starting service pays
        return List.of(ModelBundle.loadShipped(), SentenceEncoder.load(Runtime.getRuntime().availableProcessors()));
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ClassifierBenchmark.class.getSimpleName()).build()).run();
    }
}
