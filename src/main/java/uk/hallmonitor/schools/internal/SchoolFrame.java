package uk.hallmonitor.schools.internal;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.web.PageFrame;
import uk.hallmonitor.system.web.PageFrameContributor;

/** Pages show the person by name and times in their school's zone. */
@Component
record SchoolFrame(SchoolDirectory directory) implements PageFrameContributor {

    @Override
    public Mono<PageFrame> contribute(Caller caller, PageFrame frame) {
        Mono<String> name =
                directory.staff(caller.staffId()).map(staff -> staff.name()).defaultIfEmpty(caller.username());
        if (caller.schoolId() == null) {
            return name.map(person -> frame.withPerson(person, frame.schoolName(), frame.zone()));
        }
        return name.zipWith(directory.school(caller.schoolId()).map(school -> school))
                .map(both -> frame.withPerson(both.getT1(), both.getT2().name(), both.getT2().timezone()))
                .switchIfEmpty(name.map(person -> frame.withPerson(person, frame.schoolName(), frame.zone())));
    }
}
