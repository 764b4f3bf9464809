package uk.hallmonitor.vault;

import java.time.Instant;
import java.util.List;

/**
 * A head teacher used break-glass access to reveal a credential of their school; the administrators, SLT and the
 * DSL are to be told.
 *
 * @param schoolId     the school
 * @param accountId    the account whose credential was revealed
 * @param secretName   which credential (never its value)
 * @param staffId      the head teacher
 * @param username     the head teacher's login
 * @param reason       the reason they gave
 * @param at           when
 * @param notifyStaffIds the SLT members and DSLs of the school who are to be told (not the one who used it); the
 *                       administrators are told through their role
 */
public record BreakGlassUsed(String schoolId, String accountId, String secretName, String staffId, String username,
                             String reason, Instant at, List<String> notifyStaffIds) {
}
