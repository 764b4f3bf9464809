package uk.hallmonitor.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import opennlp.tools.doccat.DocumentCategorizerME;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.hallmonitor.classification.internal.Lexicon;
import uk.hallmonitor.classification.internal.ModelBundle;
import uk.hallmonitor.classification.internal.NormalisedText;
import uk.hallmonitor.classification.internal.OffensiveFeatures;
import uk.hallmonitor.classification.internal.PostFeatures;
import uk.hallmonitor.classification.internal.TextNormaliser;

class ModelBundleTests {

    @Test
    void aSavedBundleReloadsWithTheSameFeaturesAndIdenticalProbabilities(@TempDir Path dir) {
        ModelBundle trained = TinyModels.train();
        trained.save(dir, new Properties());
        ModelBundle reloaded = ModelBundle.load(dir);

        // the reloaded factories must re-create our feature generators, not OpenNLP's default bag of words
        assertThat(reloaded.offensiveMe().getFactory().getFeatureGenerators())
                .singleElement().isInstanceOf(OffensiveFeatures.class);
        assertThat(reloaded.offensiveNb().getFactory().getFeatureGenerators())
                .singleElement().isInstanceOf(OffensiveFeatures.class);
        assertThat(reloaded.category().getFactory().getFeatureGenerators())
                .singleElement().isInstanceOf(PostFeatures.class);
        TextNormaliser normaliser = new TextNormaliser(Lexicon.base());
        for (String text : List.of("you are a useless idiot", "thank you mrs patel", "f u c k off",
                "is the trip on tomorrow?", "i want to die", "@USER @USER YOU LIAR!!! #DrainTheSwamp")) {
            NormalisedText normalised = normaliser.normalise(text);
            String[] tokens = normalised.tokens();
            Map<String, Object> raw = Map.of(OffensiveFeatures.RAW, normalised.cleaned());
            assertThat(new DocumentCategorizerME(reloaded.offensiveMe()).categorize(tokens, raw))
                    .containsExactly(new DocumentCategorizerME(trained.offensiveMe()).categorize(tokens, raw));
            assertThat(new DocumentCategorizerME(reloaded.offensiveNb()).categorize(tokens, raw))
                    .containsExactly(new DocumentCategorizerME(trained.offensiveNb()).categorize(tokens, raw));
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
        assertThat(categorizer.categorize(tokens, Map.of(PostFeatures.PRECOMPUTED,
                features.features(tokens)))).containsExactly(categorizer.categorize(tokens));

        NormalisedText shouted = new TextNormaliser(Lexicon.base()).normalise("@USER YOU ARE A LIAR!! #FakeNews");
        DocumentCategorizerME offensive = new DocumentCategorizerME(models.offensiveMe());
        List<String> precomputed = new OffensiveFeatures().features(shouted.cleaned(), shouted.tokens());
        assertThat(precomputed).contains("ins=isa", "caps=2", "bang=2", "hw=fake", "hw=news", "users@start");
        assertThat(offensive.categorize(shouted.tokens(), Map.of(OffensiveFeatures.PRECOMPUTED, precomputed)))
                .containsExactly(offensive.categorize(shouted.tokens(),
                        Map.of(OffensiveFeatures.RAW, shouted.cleaned())));
    }
}
