package uk.hallmonitor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module graph of STYLE.md: who may use whom, and that nobody reaches into another module's internals. */
class ModuleBoundariesTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.hallmonitor");

    @Test
    void noModuleReachesIntoAnotherModulesInternals() {
        for (String module : new String[] {"schools", "applications", "accounts", "audit", "vault", "connectors",
                "monitoring", "classification", "moderation", "incidents", "sla", "reports", "ownposts", "privacy"}) {
            noClasses().that().resideOutsideOfPackage("uk.hallmonitor." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("uk.hallmonitor." + module + ".internal..")
                    .allowEmptyShould(true)
                    .because(module + ".internal is private to " + module)
                    .check(CLASSES);
        }
    }

    @Test
    void systemKnowsNothingOfTheDomain() {
        noClasses().that().resideInAPackage("uk.hallmonitor.system..")
                .should().dependOnClassesThat().resideInAnyPackage("uk.hallmonitor.schools..",
                        "uk.hallmonitor.applications..", "uk.hallmonitor.accounts..", "uk.hallmonitor.audit..",
                        "uk.hallmonitor.vault..", "uk.hallmonitor.connectors..", "uk.hallmonitor.monitoring..",
                        "uk.hallmonitor.classification..", "uk.hallmonitor.moderation..", "uk.hallmonitor.incidents..",
                        "uk.hallmonitor.sla..", "uk.hallmonitor.reports..", "uk.hallmonitor.ownposts..",
                        "uk.hallmonitor.privacy..")
                .check(CLASSES);
    }

    @Test
    void privacyUsesOnlyTheAuditTrailAndTheCategoryNamesOfTheDomain() {
        // it reaches the other modules' collections by name (see its package-info), never their types
        noClasses().that().resideInAPackage("uk.hallmonitor.privacy..")
                .should().dependOnClassesThat().resideInAnyPackage("uk.hallmonitor.schools..",
                        "uk.hallmonitor.applications..", "uk.hallmonitor.accounts..", "uk.hallmonitor.vault..",
                        "uk.hallmonitor.connectors..", "uk.hallmonitor.monitoring..", "uk.hallmonitor.moderation..",
                        "uk.hallmonitor.incidents..", "uk.hallmonitor.sla..", "uk.hallmonitor.reports..")
                .check(CLASSES);
    }

    @Test
    void theFoundationModulesFollowTheGraph() {
        noClasses().that().resideInAPackage("uk.hallmonitor.schools..")
                .should().dependOnClassesThat().resideInAnyPackage("uk.hallmonitor.applications..",
                        "uk.hallmonitor.accounts..", "uk.hallmonitor.monitoring..", "uk.hallmonitor.moderation..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("uk.hallmonitor.applications..")
                .should().dependOnClassesThat().resideInAnyPackage("uk.hallmonitor.accounts..",
                        "uk.hallmonitor.monitoring..", "uk.hallmonitor.moderation..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("uk.hallmonitor.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("uk.hallmonitor.schools..",
                        "uk.hallmonitor.applications..", "uk.hallmonitor.accounts..")
                .check(CLASSES);
    }

    @Test
    void classificationHasNoWebOrStoreCodeOutsideItsWebPackage() {
        noClasses().that().resideInAPackage("uk.hallmonitor.classification..")
                .and().resideOutsideOfPackage("uk.hallmonitor.classification.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.data.mongodb..", "com.mongodb..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void onlyConnectorsTalkToPlatformLibraries() {
        noClasses().that().resideOutsideOfPackage("uk.hallmonitor.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage("twitter4j..", "com.rometools..")
                .check(CLASSES);
    }
}
