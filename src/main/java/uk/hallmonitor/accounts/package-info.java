/**
 * The register of school accounts (R2): an account is opened in {@code PROVISIONING} when SLT approve its
 * application, activated by an administrator once created on the platform, transferred to other trained runners,
 * suspended or closed with a reason. When a runner leaves or lapses and fewer than two current runners remain the
 * account needs runners and SLT are told ({@link AccountNeedsRunner}); accounts with no activity for a school year
 * are flagged for review. Monitoring reads the register through {@link AccountRegister}.
 * <p>
 * Departure from STYLE.md's table: it uses {@code alerts} to tell SLT that an account needs a runner (its own
 * {@code AccountNeedsRunner} event becomes a notice here, so alerts knows nothing of accounts' events).
 */
package uk.hallmonitor.accounts;
