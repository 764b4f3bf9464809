package uk.hallmonitor.system.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import uk.hallmonitor.system.security.Role;

/**
 * What the layout shows around every page.
 *
 * @param personName  the logged-in person's name
 * @param schoolName  their school's name, or "All schools" for a trust-wide administrator
 * @param zone        the time zone every time on the page is shown in (the school's)
 * @param roles       the roles held, for the navigation
 * @param navigation  the links this person may follow, in order
 * @param unread      alerts waiting for this person in the notification centre
 * @param banners     messages that must stay on every page until someone acts (undelivered safeguarding alerts)
 */
public record PageFrame(String personName, String schoolName, ZoneId zone, Set<Role> roles,
                        List<Navigation.Link> navigation, long unread, List<String> banners) {

    public PageFrame {
        roles = Set.copyOf(roles);
        navigation = List.copyOf(navigation);
        banners = List.copyOf(banners);
    }

    public PageFrame withPerson(String name, String school, ZoneId timeZone) {
        return new PageFrame(name, school, timeZone, roles, navigation, unread, banners);
    }

    public PageFrame withAlerts(long unreadAlerts, List<String> bannerTexts) {
        return new PageFrame(personName, schoolName, zone, roles, navigation, unreadAlerts, bannerTexts);
    }

    public boolean has(String role) {
        return roles.contains(Role.valueOf(role));
    }
}
