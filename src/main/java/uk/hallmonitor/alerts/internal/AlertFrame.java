package uk.hallmonitor.alerts.internal;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.AlertCentre;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.web.PageFrame;
import uk.hallmonitor.system.web.PageFrameContributor;

/** The layout's alerts link shows how many of the person's alerts are unread, on every page. */
@Component
record AlertFrame(AlertCentre centre) implements PageFrameContributor {

    @Override
    public Mono<PageFrame> contribute(Caller caller, PageFrame frame) {
        return centre.unread(caller).map(unread -> frame.withAlerts(unread, frame.banners()));
    }
}
