package uk.hallmonitor.modulefixture.gamma;

import uk.hallmonitor.modulefixture.beta.internal.Secret;

/** Reaches into beta's internal package. */
public class Gamma {

    public int peek() {
        return new Secret().value();
    }
}
