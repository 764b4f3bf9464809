package uk.hallmonitor.applications;

import reactor.core.publisher.Mono;

/** How many submitted applications of a school wait for SLT's decision (the home page of SLT and the head). */
public interface DecisionsWaiting {

    Mono<Long> count(String schoolId);
}
