package uk.hallmonitor.system.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The trust's choice of how staff sign in: whether passwords (the login form and HTTP Basic) still work beside
 * Microsoft and Google. With passwords off, only the break-glass administrators ({@code break-glass-admins}, holding
 * ADMIN) may use one, so the service can still be reached when the provider is down. Read on every password check,
 * so a change holds on every instance at once.
 */
@Component
public class SignInSettings {

    private static final String ID = "sign-in";

    /** The stored choice (one document). */
    @Document("sign_in_settings")
    record SettingsDocument(@Id String id, boolean passwords, Instant updatedAt, String updatedBy) {
    }

    /**
     * The sign-in settings as shown to an administrator.
     *
     * @param passwords        whether staff may sign in with a password
     * @param breakGlassAdmins who may use a password when {@code passwords} is off
     * @param providers        the providers configured, and whether each is reachable now
     * @param updatedAt        when passwords were last switched; {@code null} if never
     * @param updatedBy        who switched them
     */
    public record Settings(boolean passwords, List<String> breakGlassAdmins, List<Provider> providers,
                           Instant updatedAt, String updatedBy) {
    }

    /** A configured sign-in provider. */
    public record Provider(String id, String name, boolean available) {
    }

    private final ReactiveMongoTemplate mongo;
    private final OidcProperties properties;
    private final OidcProviders providers;
    private final Clock clock;

    SignInSettings(ReactiveMongoTemplate mongo, OidcProperties properties, OidcProviders providers, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.providers = providers;
        this.clock = clock;
    }

    /** Whether staff other than the break-glass administrators may sign in with a password now. */
    Mono<Boolean> passwords() {
        return mongo.findById(ID, SettingsDocument.class).map(SettingsDocument::passwords).defaultIfEmpty(true);
    }

    /** Whether this login may use a password even when passwords are off. */
    boolean breakGlass(Caller caller) {
        return caller.isAdmin() && properties.breakGlassAdmins().contains(caller.username().toLowerCase(Locale.ROOT));
    }

    public Mono<Settings> current() {
        return mongo.findById(ID, SettingsDocument.class)
                .defaultIfEmpty(new SettingsDocument(ID, true, null, null))
                .zipWith(providers.statuses())
                .map(both -> new Settings(both.getT1().passwords(), properties.breakGlassAdmins(),
                        both.getT2().stream().map(s -> new Provider(s.id(), s.label(), s.available())).toList(),
                        both.getT1().updatedAt(), both.getT1().updatedBy()));
    }

    /**
     * Switches passwords on or off; returns the settings before the change, or an error problem when passwords
     * would be switched off with no provider configured (nobody but the break-glass administrators could sign in).
     */
    public Mono<Settings> change(boolean passwords, String by) {
        if (!passwords && !providers.any()) {
            return Mono.error(uk.hallmonitor.system.web.Problems.badRequest("passwords", "no sign-in provider is"
                    + " configured, so staff could not sign in at all; set HALLMONITOR_OIDC_MICROSOFT_CLIENT_ID or"
                    + " HALLMONITOR_OIDC_GOOGLE_CLIENT_ID first"));
        }
        return mongo.save(new SettingsDocument(ID, passwords, clock.instant(), by))
                .then(current());
    }
}
