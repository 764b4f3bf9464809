package uk.hallmonitor.system.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated staff member: the principal is the {@link Caller}, authorities are {@code ROLE_<role>}. */
final class AuthenticatedStaff extends AbstractAuthenticationToken implements StaffPrincipal {

    private final Caller caller;
    private final SignIn signIn;

    AuthenticatedStaff(Caller caller, SignIn signIn) {
        super(caller.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList());
        this.caller = caller;
        this.signIn = signIn;
        setAuthenticated(true);
    }

    @Override
    public SignIn signIn() {
        return signIn;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String toString() {
        return "AuthenticatedStaff[" + caller.username() + ", " + caller.roles() + "]";
    }

    @Override
    public String getName() {
        return caller.username();
    }

    @Override
    public List<org.springframework.security.core.GrantedAuthority> getAuthorities() {
        return List.copyOf(super.getAuthorities());
    }
}
