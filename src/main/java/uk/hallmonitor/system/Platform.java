package uk.hallmonitor.system;

/** The social media platforms a school account or a public-mention watch can live on. */
public enum Platform {
    X, BLUESKY, MASTODON, FACEBOOK, INSTAGRAM, YOUTUBE, RSS, OTHER
}
