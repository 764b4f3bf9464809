package uk.hallmonitor.incidents;

import java.util.List;

/**
 * A member of staff who may own an incident of the school (an active DSL, deputy DSL, head teacher or SLT member).
 *
 * @param staffId the id to send as {@code owner}
 * @param name    their name
 * @param roles   the roles that make them eligible
 */
public record EligibleOwner(String staffId, String name, List<String> roles) {
}
