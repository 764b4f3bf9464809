package uk.hallmonitor.audit;

import java.time.Duration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.hallmonitor.audit.internal.ChainCheck;
import uk.hallmonitor.audit.internal.HashChainedAuditTrail;

/**
 * {@code audit-verify [--setting=value ...]}: checks the whole audit chain by reading the store directly, without
 * the web server (with the embedded store, stop the service first: the store file is locked while it runs). Prints
 * every break and the anchor check; exits 0 when the chain is whole, 1 when anything is broken.
 */
public final class AuditCommands {

    private AuditCommands() {
    }

    public static int verify(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println(
                        "usage: audit-verify [--setting=value ...]   (e.g. --hallmonitor.store.data-dir=/srv/hm)");
                return 64;
            }
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(applicationClass())
                .web(WebApplicationType.NONE).properties("hallmonitor.reports.deliver=false").run(args)) {
            ChainCheck check = context.getBean(HashChainedAuditTrail.class).verify().block(Duration.ofMinutes(30));
            System.out.println(render(check));
            return check.valid() ? 0 : 1;
        }
    }

    /**
     * Re-seals the audit chain's key under a new master key; called by {@code vault-rewrap} in its own context.
     * Returns a line for the operator.
     */
    public static String resealKey(ConfigurableApplicationContext context, com.google.crypto.tink.Aead oldMaster,
                                   com.google.crypto.tink.Aead newMaster) {
        try {
            return context.getBean(HashChainedAuditTrail.class).resealKey(oldMaster, newMaster)
                    ? "the audit chain's key was re-sealed under the new master key"
                    : "the audit chain has no key file yet; nothing to re-seal";
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            return "WARNING: the audit chain's key could not be re-sealed (" + e.getMessage() + "); keep the old"
                    + " master key: the keyed audit entries can only be verified with it";
        }
    }

    /** The check as text for the terminal. */
    public static String render(ChainCheck check) {
        StringBuilder out = new StringBuilder();
        out.append(check.valid() ? "audit chain OK: " : "audit chain BROKEN: ").append(check.entries())
                .append(" entries, last ").append(check.lastSeq())
                .append(check.keyedFrom() == null ? ", none keyed (HMAC)" : ", keyed (HMAC) from " + check.keyedFrom())
                .append('\n');
        if (check.anchor() == null) {
            out.append("anchor: none written for this chain yet\n");
        } else {
            out.append("anchor: entry ").append(check.anchor().seq()).append(" at ").append(check.anchor().at())
                    .append(check.anchor().matches() ? " matches" : " DOES NOT MATCH").append('\n');
        }
        for (ChainCheck.Break b : check.breaks()) {
            out.append("  break at ").append(b.seq()).append(": ").append(b.reason()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    // looked up by name: the root package registers this command, so importing it back would make a cycle
    private static Class<?> applicationClass() {
        try {
            return Class.forName("uk.hallmonitor.HallmonitorApplication");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
