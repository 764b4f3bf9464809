package uk.hallmonitor.connectors.internal;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.vault.HeldSession;
import uk.hallmonitor.vault.SecretUse;

/**
 * Opens the vault for one call of one source. Secrets live only inside {@code use}; connectors keep none in fields.
 * A watch has no account of its own: its connection may name one ({@code credentialsAccountId}) whose secrets it
 * borrows, otherwise the watch id is looked up.
 */
public final class Secrets {

    /** The connection setting naming the account whose secrets a watch uses. */
    public static final String CREDENTIALS_ACCOUNT = "credentialsAccountId";

    private final Supplier<SecretUse> vault;

    /** Takes a supplier so the application starts even before a vault is configured; calls then fail clearly. */
    public Secrets(Supplier<SecretUse> vault) {
        this.vault = vault;
    }

    /** The session the connector keeps for the source's account under {@code name}; see {@link SecretUse}. */
    public Mono<HeldSession> heldSession(Source source, String name) {
        return opened().flatMap(vault -> vault.heldSession(accountOf(source), name));
    }

    /** Keeps a session if the stored one is still {@code read}; {@code false} when another instance wrote first. */
    public Mono<Boolean> keepSession(Source source, String name, HeldSession read, String value) {
        return opened().flatMap(vault -> vault.keepSession(accountOf(source), name, read.revision(), value));
    }

    private Mono<SecretUse> opened() {
        return Mono.defer(() -> {
            SecretUse secretUse = vault.get();
            return secretUse != null ? Mono.just(secretUse) : Mono.error(new ConnectorException(Kind.MISCONFIGURED,
                    "no credential vault is configured", null));
        });
    }

    private static String accountOf(Source source) {
        return source.connection().getOrDefault(CREDENTIALS_ACCOUNT, source.id());
    }

    public <T> Mono<T> with(Source source, Set<String> names, Function<Map<String, String>, Mono<T>> use) {
        return Mono.defer(() -> {
            SecretUse secretUse = vault.get();
            if (secretUse == null) {
                return Mono.error(new ConnectorException(Kind.MISCONFIGURED, "no credential vault is configured",
                        null));
            }
            String accountId = source.connection().getOrDefault(CREDENTIALS_ACCOUNT, source.id());
            return secretUse.withSecrets(accountId, names, opened -> Mono.defer(() -> use.apply(opened)));
        });
    }

    /** The named secret, or {@link Kind#MISCONFIGURED} naming it (never its value). */
    public static String require(Map<String, String> secrets, String name, Source source) {
        String value = secrets.get(name);
        if (value == null || value.isBlank()) {
            throw new ConnectorException(Kind.MISCONFIGURED,
                    "the vault holds no '" + name + "' for " + source.platform() + " source " + source.id(), null);
        }
        return value;
    }
}
