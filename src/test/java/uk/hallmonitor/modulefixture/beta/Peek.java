package uk.hallmonitor.modulefixture.beta;

import uk.hallmonitor.modulefixture.beta.inner.internal.Hidden;

/** Reaches from beta's root into its sub-package's internals, which are beta.inner's alone. */
public class Peek {

    public int peek() {
        return new Hidden().value();
    }
}
