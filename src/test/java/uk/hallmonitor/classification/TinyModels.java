package uk.hallmonitor.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import uk.hallmonitor.classification.internal.ModelBundle;
import uk.hallmonitor.classification.internal.ModelTrainer;

/** Trains a tiny model bundle inline from a few dozen lines, so tests never depend on the shipped binaries. */
final class TinyModels {

    static final String CORPUS = """
            1\tABUSE\tOTHER\tyou are a useless idiot
            1\tABUSE\tOTHER\tthe head is a stupid moron
            1\tABUSE\tOTHER\twhat an idiot that teacher is
            1\tABUSE\tOTHER\tshut up you pathetic loser
            1\tABUSE\tOTHER\tmr hughes is a twat
            1\tABUSE\tOTHER\tthat teacher is a fucking idiot
            1\tBULLYING\tOTHER\tnobody likes you jayden, everyone hates you
            1\tBULLYING\tOTHER\tamelia is a fat ugly loser
            1\tBULLYING\tOTHER\teveryone hates you, you have no friends
            1\tBULLYING\tOTHER\tlol look at her ugly face loser
            1\tTHREAT\tOTHER\ti will kill you tomorrow after school
            1\tTHREAT\tOTHER\twatch your back i know where you live
            1\tTHREAT\tOTHER\tgonna stab him at lunch
            1\tTHREAT\tOTHER\tyoure dead when i see you
            1\tHATE\tOTHER\tgo back to your country you paki
            1\tHATE\tOTHER\tthose faggots should not teach
            1\tSEXUAL\tOTHER\tsend nudes of the year 9 girls
            1\tSEXUAL\tOTHER\tshe is so sexy send pics
            1\tSEXUAL\tOTHER\thorny dm me for nudes
            1\tSELF_HARM\tOTHER\ti want to die, i cant do this anymore
            1\tSELF_HARM\tOTHER\ti keep cutting myself
            1\tSELF_HARM\tOTHER\ti am going to end it all tonight
            1\tEXTREMISM\tOTHER\tthe race war is coming, white power
            1\tEXTREMISM\tOTHER\tjoin the jihad against the kuffar
            0\tSPAM\tOTHER\tearn money from home click here
            0\tSPAM\tOTHER\tfree gift giveaway click here now
            1\tPROFANITY\tOTHER\tfucking hell what a shit day
            1\tPROFANITY\tOTHER\tshit weather again
            0\tNONE\tQUESTION\twhat time does the school open tomorrow?
            0\tNONE\tQUESTION\tis the trip still going ahead on monday?
            0\tNONE\tQUESTION\twhen do year 7 finish for half term?
            0\tNONE\tQUESTION\tcan someone tell me the term dates?
            0\tNONE\tQUESTION\thow do i pay for lunch on the app?
            0\tNONE\tCOMPLAINT\tvery disappointed with the new uniform policy
            0\tNONE\tCOMPLAINT\tthe communication from the school is poor and late
            0\tNONE\tCOMPLAINT\tnobody answered my email about the bus, not good enough
            0\tNONE\tCOMPLAINT\tunhappy that the trip was cancelled at short notice
            0\tNONE\tCOMPLAINT\tthe toilets are in a terrible state, please fix them
            0\tNONE\tPRAISE\tthank you mrs patel for all your help
            0\tNONE\tPRAISE\twell done to the netball team, brilliant result
            0\tNONE\tPRAISE\tso proud of the choir, lovely concert
            0\tNONE\tPRAISE\tthe staff are amazing, thank you
            0\tNONE\tPRAISE\twe killed it on saturday, great match lads
            0\tNONE\tOTHER\tphotos from sports day are on the website
            0\tNONE\tOTHER\treminder that letters went home today
            0\tNONE\tOTHER\tjust seen the newsletter
            0\tNONE\tOTHER\tlooking forward to the fair
            0\tNONE\tOTHER\tmy son is off sick today
            """;

    private TinyModels() {
    }

    /** A freshly trained bundle (a few hundred milliseconds). */
    static ModelBundle train() {
        return train(CORPUS);
    }

    static ModelBundle train(String corpus) {
        try {
            Path file = Files.createTempFile("tiny-corpus", ".tsv");
            // repeat so that every example survives the held-out split and the feature cutoff
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String padding = " ".repeat(i);
                corpus.lines().forEach(line -> lines.add(line + padding));
            }
            Files.write(file, lines);
            ModelTrainer.Options options = new ModelTrainer.Options(null, List.of(file), true, 0, 40, 1, "tiny",
                    "MAXENT", List.of());
            return new ModelTrainer(System.out).train(options).bundle();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
