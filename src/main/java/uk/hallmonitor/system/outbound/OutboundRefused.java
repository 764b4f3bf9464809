package uk.hallmonitor.system.outbound;

/** A request the outbound policy stopped before anything was sent; the message names the host, never a secret. */
public class OutboundRefused extends RuntimeException {

    public OutboundRefused(String message) {
        super(message, null, false, false);
    }
}
