package uk.hallmonitor.modulefixture.alpha;

import uk.hallmonitor.modulefixture.beta.Beta;

/** Uses beta, as its row of the fixture's table allows. */
public class Alpha {

    public String greet(Beta beta) {
        return "alpha and " + beta.name();
    }
}
