package uk.hallmonitor.schools;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Whether a person may run a school account: "the SLT must be satisfied that anyone running a social media account
 * on behalf of the school has read and understood this policy and received appropriate training" (policy 002).
 */
public interface RunnerEligibility {

    /**
     * What the person lacks to run an account of the school, each as a sentence naming them ("Sam Jones (id 42) has
     * no current training"); empty when they may run it. An unknown person or one of another school is a gap too.
     */
    Mono<List<String>> gaps(String staffId, String schoolId);
}
