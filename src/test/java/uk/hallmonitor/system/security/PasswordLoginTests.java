package uk.hallmonitor.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Password checks cost the same whether or not the username exists. */
class PasswordLoginTests {

    /** BCrypt with a low cost that counts how often a password is compared. */
    static final class CountingEncoder implements PasswordEncoder {
        final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        final AtomicInteger comparisons = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            comparisons.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    }

    @Test
    void anUnknownUsernameCostsABcryptComparisonLikeAWrongPassword() {
        CountingEncoder encoder = new CountingEncoder();
        StaffLogins nobody = new StaffLogins() {
            public Mono<StaffCredentials> byUsername(String username) {
                return Mono.empty();
            }

            public Mono<StaffCredentials> byApiTokenHash(String tokenHash) {
                return Mono.empty();
            }

            public Mono<StaffCredentials> byStaffId(String staffId) {
                return Mono.empty();
            }
        };
        SecurityProperties properties = new SecurityProperties(null, null, null, List.of());
        PasswordLogin login = new PasswordLogin(nobody, encoder,
                new LoginThrottle(properties, Clock.systemUTC()), new ClientAddresses(properties), null,
                Clock.systemUTC());

        StepVerifier
                .create(login.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("ghost", "pw-12345678")))
                .expectError(BadCredentialsException.class).verify();
        assertThat(encoder.comparisons.get()).isEqualTo(1);
    }
}
