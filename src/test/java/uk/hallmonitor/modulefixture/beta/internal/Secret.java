package uk.hallmonitor.modulefixture.beta.internal;

/** Private to beta. */
public class Secret {

    public int value() {
        return 7;
    }
}
