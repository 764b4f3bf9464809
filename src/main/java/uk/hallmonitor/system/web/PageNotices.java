package uk.hallmonitor.system.web;

import reactor.core.publisher.Mono;

/**
 * What a module needs every page to show at the top for the current caller (a banner that stays until dealt with).
 * {@link Html#render} asks every bean of this type; the HTML answered must already be escaped. Empty for nothing.
 */
public interface PageNotices {

    /** The banner for the caller of the current request (read from the reactive security context), or empty. */
    Mono<String> banner();
}
