package uk.hallmonitor.system.web;

import org.springframework.stereotype.Component;
import uk.hallmonitor.system.Platform;

/** Platforms as people call them ("X (Twitter)", "YouTube"), never the enum code. Templates call {@code @platforms}. */
@Component("platforms")
public class PlatformNames {

    public String name(Platform platform) {
        if (platform == null) {
            return "";
        }
        return switch (platform) {
            case X -> "X (Twitter)";
            case BLUESKY -> "Bluesky";
            case MASTODON -> "Mastodon";
            case FACEBOOK -> "Facebook";
            case INSTAGRAM -> "Instagram";
            case YOUTUBE -> "YouTube";
            case RSS -> "Website or blog (RSS)";
            case OTHER -> "Other";
        };
    }

    /** For a name kept as text ({@code "X"}), as in the reports. */
    public String name(String platform) {
        try {
            return name(Platform.valueOf(platform));
        } catch (IllegalArgumentException | NullPointerException e) {
            return platform == null ? "" : platform;
        }
    }
}
