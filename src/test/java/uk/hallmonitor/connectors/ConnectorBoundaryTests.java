package uk.hallmonitor.connectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Platform code stays inside the connectors module, and each platform inside its own sub-package. */
@AnalyzeClasses(packages = "uk.hallmonitor", importOptions = ImportOption.DoNotIncludeTests.class)
class ConnectorBoundaryTests {

    @ArchTest
    static final ArchRule platformLibrariesStayInsideConnectors = noClasses()
            .that().resideOutsideOfPackage("uk.hallmonitor.connectors..")
            .should().dependOnClassesThat().resideInAnyPackage("twitter4j..", "com.rometools..")
            .because("only connectors talk to platforms; the rest of Hallmonitor sees FetchedPost and Batch");

    @ArchTest
    static final ArchRule connectorInternalsStayInsideConnectors = noClasses()
            .that().resideOutsideOfPackage("uk.hallmonitor.connectors..")
            .should().dependOnClassesThat().resideInAnyPackage("uk.hallmonitor.connectors.x..",
                    "uk.hallmonitor.connectors.bluesky..", "uk.hallmonitor.connectors.mastodon..",
                    "uk.hallmonitor.connectors.feeds..", "uk.hallmonitor.connectors.fileimport..",
                    "uk.hallmonitor.connectors.internal..")
            .because("the poller uses the Connectors registry and the SPI, never a platform's classes");

    @ArchTest
    static final ArchRule platformsDoNotUseEachOther = slices()
            .matching("uk.hallmonitor.connectors.(x|bluesky|mastodon|feeds|fileimport)..")
            .should().notDependOnEachOther()
            .because("what platforms share lives in connectors.internal, not copied or borrowed");

    @ArchTest
    static final ArchRule twitter4jOnlyInTheXConnector = noClasses()
            .that().resideOutsideOfPackage("uk.hallmonitor.connectors.x..")
            .should().dependOnClassesThat().resideInAnyPackage("twitter4j..");

    @ArchTest
    static final ArchRule romeOnlyInTheFeedConnector = noClasses()
            .that().resideOutsideOfPackage("uk.hallmonitor.connectors.feeds..")
            .should().dependOnClassesThat().resideInAnyPackage("com.rometools..");

    @ArchTest
    static final ArchRule connectorsDoNotDependOnThePoller = noClasses()
            .that().resideInAPackage("uk.hallmonitor.connectors..")
            .should().dependOnClassesThat().resideInAnyPackage("uk.hallmonitor.monitoring..",
                    "uk.hallmonitor.accounts..")
            .because("monitoring depends on connectors; connectors get secrets only through vault.SecretUse");
}
