package uk.hallmonitor.system.security;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A member of staff signed in through Microsoft or Google: the provider's ID token, and the {@link Caller} made from
 * Hallmonitor's own staff record, whose roles are the session's authorities.
 */
final class StaffOidcUser implements OidcUser, StaffPrincipal, java.io.Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Caller caller;
    private final SignIn signIn;
    private final OidcIdToken idToken;

    StaffOidcUser(Caller caller, SignIn signIn, OidcIdToken idToken) {
        this.caller = caller;
        this.signIn = signIn;
        this.idToken = idToken;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public SignIn signIn() {
        return signIn;
    }

    @Override
    public Map<String, Object> getClaims() {
        return idToken.getClaims();
    }

    @Override
    public OidcUserInfo getUserInfo() {
        return null;
    }

    @Override
    public OidcIdToken getIdToken() {
        return idToken;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return idToken.getClaims();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.copyOf(caller.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList());
    }

    /** The Hallmonitor username: audit entries name the staff member, not the provider's subject id. */
    @Override
    public String getName() {
        return caller.username();
    }

    @Override
    public String toString() {
        return "StaffOidcUser[" + caller.username() + ", " + signIn.method() + ", " + caller.roles() + "]";
    }
}
