package uk.hallmonitor.system.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.web.Problems;

/**
 * Step-up for secrets: revealing a credential (break-glass included) needs a sign-in within the last 15 minutes (the
 * provider's {@code auth_time} for Microsoft and Google, the login for a password session; HTTP Basic proves the
 * password with the request itself) and, when the school asks for it, multi-factor authentication as the provider
 * reports it ({@code amr} containing {@code mfa}). Personal API tokens never count as a recent sign-in. Otherwise the
 * answer is a 401 problem whose {@code signInAgain} property is the page that signs the person in afresh.
 */
@Component
public class StepUp {

    /** How recent a sign-in must be. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Where the browser signs in again (the login page offers every provider with a forced fresh sign-in). */
    public static final String SIGN_IN_AGAIN = "/login?reauth";

    private final Clock clock;

    public StepUp(Clock clock) {
        this.clock = clock;
    }

    /**
     * Completes when the current request's sign-in is recent enough (and multi-factor when {@code multiFactor});
     * errors with the 401 problem otherwise. Calls made in-process, outside any request, pass.
     */
    public Mono<Void> require(boolean multiFactor, String action) {
        return Callers.signIn().flatMap(signIn -> {
            String problem = problem(signIn, multiFactor, action);
            return problem == null ? Mono.<Void>empty() : Mono.error(Problems.of(HttpStatus.UNAUTHORIZED,
                    "Sign in again", problem, Map.of("signInAgain", SIGN_IN_AGAIN,
                            "reason", multiFactor && signIn.recent(clock.instant(), WINDOW) ? "mfa" : "stale")));
        });
    }

    /** What is missing from the sign-in for the action, in words; {@code null} when nothing is. */
    String problem(SignIn signIn, boolean multiFactor, String action) {
        if ("token".equals(signIn.method())) {
            return action + " needs a recent sign-in, which a personal API token is not: use your password (HTTP"
                    + " Basic) or sign in again in the browser (" + SIGN_IN_AGAIN + ")";
        }
        if (!signIn.recent(clock.instant(), WINDOW)) {
            return action + " needs a sign-in within the last " + WINDOW.toMinutes() + " minutes"
                    + (signIn.at() == null ? "" : "; you signed in at " + signIn.at())
                    + ": sign in again (" + SIGN_IN_AGAIN + ") and retry";
        }
        if (multiFactor && !signIn.multiFactor()) {
            return action + " needs multi-factor authentication in this school: sign in again with Microsoft or"
                    + " Google using your second factor (" + SIGN_IN_AGAIN + ") and retry";
        }
        return null;
    }
}
