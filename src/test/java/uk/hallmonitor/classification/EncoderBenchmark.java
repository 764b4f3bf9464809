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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import uk.hallmonitor.classification.internal.SentenceEncoder;

/**
 * The sentence encoder alone (nearly all of the pipeline's cost), e5-small-v2 int8 against all-MiniLM-L6-v2 int8:
 * batches of 64 posts (texts/s = ops/s × 64) and one post at a time (latency percentiles). Run by hand after
 * {@code mvn -o test-compile}:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main EncoderBenchmark}.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 2, time = 5)
@State(Scope.Benchmark)
public class EncoderBenchmark {

    @Param({"E5_SMALL", "MINILM_L6"})
    public String kind;

    SentenceEncoder encoder;
    int next;

    @Setup(Level.Trial)
    public void load() {
        encoder = SentenceEncoder.load(SentenceEncoder.Kind.valueOf(kind), Runtime.getRuntime().availableProcessors());
    }

    static final List<String> BATCH = java.util.stream.IntStream.range(0, 64)
            .mapToObj(i -> ClassifierBenchmark.TEXTS[i % ClassifierBenchmark.TEXTS.length]).toList();

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(64)
    public float[][] embedBatchesOf64() {
        return encoder.embed(BATCH);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public float[] embedOnePost() {
        return encoder.embed(ClassifierBenchmark.TEXTS[next++ & (ClassifierBenchmark.TEXTS.length - 1)]);
    }
}
