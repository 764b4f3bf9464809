package uk.hallmonitor.system.web;

import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;

/**
 * A domain module's part of the page frame (names and time zone from schools, unread alerts and banners from
 * alerts): system knows nothing of the domain, so the modules fill the frame in.
 */
public interface PageFrameContributor {

    Mono<PageFrame> contribute(Caller caller, PageFrame frame);
}
