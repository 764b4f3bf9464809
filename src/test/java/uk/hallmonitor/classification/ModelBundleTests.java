package uk.hallmonitor.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import opennlp.tools.doccat.DocumentCategorizerME;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.hallmonitor.classification.internal.Lexicon;
import uk.hallmonitor.classification.internal.ModelBundle;
import uk.hallmonitor.classification.internal.PostFeatures;
import uk.hallmonitor.classification.internal.TextNormaliser;

class ModelBundleTests {

    @Test
    void aSavedBundleReloadsWithTheSameFeaturesAndIdenticalProbabilities(@TempDir Path dir) {
        ModelBundle trained = TinyModels.train();
        trained.save(dir, new Properties());
        ModelBundle reloaded = ModelBundle.load(dir);

        // the reloaded factory must re-create our feature generator, not OpenNLP's default bag of words
        assertThat(reloaded.offensiveMe().getFactory().getFeatureGenerators())
                .singleElement().isInstanceOf(PostFeatures.class);
        TextNormaliser normaliser = new TextNormaliser(Lexicon.base());
        for (String text : List.of("you are a useless idiot", "thank you mrs patel", "f u c k off",
                "is the trip on tomorrow?", "i want to die")) {
            String[] tokens = normaliser.normalise(text).tokens();
            assertThat(new DocumentCategorizerME(reloaded.offensiveMe()).categorize(tokens))
                    .containsExactly(new DocumentCategorizerME(trained.offensiveMe()).categorize(tokens));
            assertThat(new DocumentCategorizerME(reloaded.offensiveNb()).categorize(tokens))
                    .containsExactly(new DocumentCategorizerME(trained.offensiveNb()).categorize(tokens));
            assertThat(new DocumentCategorizerME(reloaded.category()).categorize(tokens))
                    .containsExactly(new DocumentCategorizerME(trained.category()).categorize(tokens));
            assertThat(new DocumentCategorizerME(reloaded.intent()).categorize(tokens))
                    .containsExactly(new DocumentCategorizerME(trained.intent()).categorize(tokens));
        }
        assertThat(reloaded.version()).isEqualTo(trained.version());
        assertThat(reloaded.ensemble()).isEqualTo(trained.ensemble());
    }

    @Test
    void featuresComputedOnceGiveTheSameProbabilitiesAsFeaturesComputedByTheModel() {
        ModelBundle models = TinyModels.train();
        PostFeatures features = new PostFeatures();
        String[] tokens = new TextNormaliser(Lexicon.base()).normalise("what an idiot, shut up").tokens();
        DocumentCategorizerME categorizer = new DocumentCategorizerME(models.category());
        assertThat(categorizer.categorize(tokens, java.util.Map.of(PostFeatures.PRECOMPUTED,
                features.features(tokens)))).containsExactly(categorizer.categorize(tokens));
    }
}
