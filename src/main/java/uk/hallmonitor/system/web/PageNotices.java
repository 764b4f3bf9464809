package uk.hallmonitor.system.web;

import reactor.core.publisher.Flux;

/**
 * What a module needs every page to show at the top for the current caller (a banner that stays until dealt with).
 * The layout draws every bean's banners (as text, escaped by Thymeleaf), each with its button when it has one.
 */
public interface PageNotices {

    /**
     * A banner: its words and, when something can be done about it from the banner, the path to POST to and the
     * button's words ({@code null} both when there is nothing to press).
     */
    record Banner(String text, String action, String button) {

        public static Banner of(String text) {
            return new Banner(text, null, null);
        }
    }

    /** The banners for the caller of the current request (read from the reactive security context), or none. */
    Flux<Banner> banners();
}
