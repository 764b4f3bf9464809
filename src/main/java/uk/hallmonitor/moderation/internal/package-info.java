/**
 * The moderation module's own parts: triage and the verdict store, the queue and its actions on the platforms,
 * alert routing and messages, safeguarding alerts and their escalation, reply templates, classifier feedback, the
 * REST controllers and pages. Nothing outside {@code moderation} may use these types ({@code ModuleBoundariesTests}).
 */
package uk.hallmonitor.moderation.internal;
