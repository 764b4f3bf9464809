package uk.hallmonitor.applications;

import reactor.core.publisher.Flux;

/** Every approved application, so the account register can open any account an interrupted approval left out. */
public interface ApprovedApplications {

    Flux<ApplicationApproved> all();
}
