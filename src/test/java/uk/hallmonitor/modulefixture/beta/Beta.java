package uk.hallmonitor.modulefixture.beta;

import uk.hallmonitor.modulefixture.alpha.Alpha;

/** Uses alpha back, closing a cycle the fixture's table does not allow. */
public class Beta {

    public String name() {
        return "beta";
    }

    public String answer(Alpha alpha) {
        return alpha.greet(this);
    }
}
