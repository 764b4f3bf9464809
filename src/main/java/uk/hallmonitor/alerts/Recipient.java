package uk.hallmonitor.alerts;

/**
 * Who an alert is for: a staff member (email), or the school itself (webhooks and the live feed).
 *
 * @param key     what makes the recipient unique in a dedup key: a staff id, or {@code school:ID}
 * @param staffId the staff member, or {@code null} for the school
 * @param name    shown on the alerts screen
 * @param email   where email goes; {@code null} when the person has none
 */
public record Recipient(String key, String staffId, String name, String email) {

    public static Recipient staff(String staffId, String name, String email) {
        return new Recipient(staffId, staffId, name, email);
    }

    public static Recipient school(String schoolId) {
        return new Recipient("school:" + schoolId, null, "school " + schoolId, null);
    }
}
