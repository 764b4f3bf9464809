package uk.hallmonitor.alerts;

/** Where an alert is delivered. */
public enum Channel {
    /** One email to one person over SMTP. */
    EMAIL,
    /** The school's Microsoft Teams incoming webhook. */
    TEAMS,
    /** The school's Slack incoming webhook. */
    SLACK,
    /** The live in-app feed of the school's moderation queue (server-sent events). */
    FEED
}
