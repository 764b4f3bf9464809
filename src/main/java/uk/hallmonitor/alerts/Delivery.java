package uk.hallmonitor.alerts;

/**
 * One alert routing decided on: who, over which channel, why, and whether it waits for the digest.
 *
 * @param recipient who
 * @param channel   how
 * @param reason    why this person hears of it, shown on the alerts screen ({@code moderator}, {@code runner},
 *                  {@code safeguarding}, {@code school})
 * @param held      whether it waits for the next digest instead of going at once
 */
public record Delivery(Recipient recipient, Channel channel, String reason, boolean held) {
}
