package uk.hallmonitor.modulefixture.beta.inner.internal;

/** Private to beta.inner. */
public class Hidden {

    public int value() {
        return 3;
    }
}
