package uk.hallmonitor.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Login lands on the home page, which names the person and their school and offers only their role's pages. */
class HomePageBrowserTests extends BrowserTestSupport {

    @Test
    void loginLandsOnTheHomePageWithThePersonsNameAndTheirRolesLinks() {
        String school = newSchool("Oakfield Primary");
        Person teacher = newCurrentStaff(school, "STAFF");

        logIn(teacher);

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/"));
        assertThat(text(".who")).contains("Person " + teacher.username()).contains("Oakfield Primary");
        assertThat(text("nav")).contains("Applications").doesNotContain("SLT review");
        assertAccessible("home-staff");
    }

    @Test
    void theLoginPageIsAccessible() {
        browser.manage().deleteAllCookies();
        open("/login");
        assertAccessible("login");
    }
}
