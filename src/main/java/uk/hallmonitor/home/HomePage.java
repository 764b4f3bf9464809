package uk.hallmonitor.home;

import org.springframework.web.bind.annotation.GetMapping;
import uk.hallmonitor.system.web.PageController;

/** Where login lands: what needs the logged-in person now, by role. */
@PageController
class HomePage {

    @GetMapping("/")
    String home() {
        return "home/index";
    }
}
