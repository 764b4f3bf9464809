package uk.hallmonitor.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.hallmonitor.classification.internal.LabelledText;
import uk.hallmonitor.classification.internal.ModelBundle;

class ModelRetrainingTests {

    private static final List<LabelledText> HELD_OUT = List.of(
            new LabelledText("you useless idiot", "OFF", null, null, "test"),
            new LabelledText("what a pathetic loser", "OFF", null, null, "test"),
            new LabelledText("thank you for the concert", "NOT", null, null, "test"),
            new LabelledText("is school open tomorrow?", "NOT", null, null, "test"));

    @Test
    void aCandidateThatIsWorseOnTheHeldOutSplitIsNotSwitchedOn() {
        ModelBundle good = TinyModels.train();
        // trained on flipped labels: it calls the abuse harmless and the praise abusive
        ModelBundle bad = TinyModels.train(TinyModels.CORPUS.lines()
                .map(line -> (line.startsWith("1") ? "0" : "1") + line.substring(1))
                .reduce("", (a, b) -> a + b + "\n"));

        ModelRetraining.Decision decision = ModelRetraining.compare(good, bad, HELD_OUT);

        assertThat(decision.switchOn()).isFalse();
        assertThat(decision.candidateMacroF1()).isLessThan(decision.currentMacroF1());
        assertThat(ModelRetraining.compare(good, good, HELD_OUT).switchOn()).isTrue();
    }
}
