package uk.hallmonitor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The module graph of STYLE.md, for the whole code: who may use whom (a row per module), no cycles, nobody in
 * another module's internals, every departure from STYLE.md stated, and the diagram in deploy/docs/modules.md drawn
 * from the code. The last test shows each check failing on a deliberately broken fixture.
 */
class ModuleBoundariesTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.hallmonitor");

    /** Used by every module but {@code system}: the platform wiring, and the trail every module writes to. */
    private static final Set<String> FOUNDATION = Set.of("system", "audit");

    /** The table of ../shared/STYLE.md ("may use"). Modules STYLE.md does not list have no row here. */
    private static final Map<String, Set<String>> STYLE_TABLE = Map.ofEntries(
            Map.entry("schools", Set.of()),
            Map.entry("applications", Set.of("schools")),
            Map.entry("accounts", Set.of("schools", "applications", "vault")),
            Map.entry("vault", Set.of()),
            Map.entry("connectors", Set.of("vault")),
            Map.entry("monitoring", Set.of("accounts", "connectors")),
            Map.entry("classification", Set.of()),
            Map.entry("moderation", Set.of("monitoring", "classification", "alerts")),
            Map.entry("alerts", Set.of("schools", "accounts")),
            Map.entry("incidents", Set.of("moderation")),
            Map.entry("sla", Set.of("monitoring")),
            Map.entry("reports", Set.of("schools", "applications", "accounts", "vault", "connectors", "monitoring",
                    "classification", "moderation", "alerts", "incidents", "sla")));

    /**
     * What each module may use besides the foundation: the STYLE.md row plus the departures its package-info states.
     * A new use is a decision: add it here and say why in the module's package-info, or don't make it.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("system", Set.of()),
            Map.entry("audit", Set.of()),
            Map.entry("schools", Set.of()),
            Map.entry("classification", Set.of()),
            Map.entry("alerts", Set.of("schools", "classification")),
            Map.entry("applications", Set.of("schools")),
            Map.entry("accounts", Set.of("schools", "applications", "vault", "alerts")),
            Map.entry("vault", Set.of("schools", "accounts", "alerts")),
            Map.entry("connectors", Set.of("vault")),
            Map.entry("monitoring", Set.of("schools", "accounts", "connectors", "classification", "alerts")),
            Map.entry("sla", Set.of("schools", "accounts", "monitoring", "classification", "alerts")),
            Map.entry("moderation", Set.of("schools", "accounts", "connectors", "monitoring", "classification", "sla",
                    "alerts")),
            Map.entry("incidents", Set.of("schools", "monitoring", "classification", "moderation")),
            Map.entry("ownposts", Set.of("schools", "accounts", "vault", "monitoring", "classification", "alerts")),
            Map.entry("privacy", Set.of("classification")),
            Map.entry("reports", Set.of("schools", "accounts", "moderation", "alerts", "incidents", "sla")),
            Map.entry("home", Set.of("applications", "accounts", "moderation", "alerts", "incidents", "sla")));

    /** The modules whose private parts are in {@code internal/}; the internal rule below keeps other modules out. */
    private static final Set<String> WITH_INTERNALS = Set.of("accounts", "alerts", "applications", "audit",
            "classification", "connectors", "moderation", "monitoring", "ownposts", "privacy", "schools", "sla",
            "vault");

    private static final ModuleGraph GRAPH = ModuleGraph.of("uk.hallmonitor", CLASSES);

    @Test
    void everyModuleUsesOnlyWhatItsRowAllows() {
        Map<String, Set<String>> allowed = new TreeMap<>();
        ALLOWED.forEach((module, uses) -> {
            Set<String> withFoundation = new TreeSet<>(uses);
            if (!module.equals("system")) {
                withFoundation.add("system");
                if (!module.equals("audit")) {
                    withFoundation.add("audit");
                }
            }
            allowed.put(module, withFoundation);
        });
        assertThat(GRAPH.uses().keySet()).as("every module has a row in ALLOWED").isSubsetOf(ALLOWED.keySet());
        assertThat(GRAPH.usesNotAllowed(allowed)).isEmpty();
    }

    @Test
    void theModulesFormNoCycle() {
        GRAPH.checkNoCycles(CLASSES);
    }

    @Test
    void noModuleReachesIntoAnotherModulesInternals() {
        GRAPH.checkNoInternalReach(CLASSES);
    }

    @Test
    void theModulesThatHideTheirPartsKeepThemInInternal() {
        for (String module : WITH_INTERNALS) {
            assertThat(CLASSES.stream().filter(type -> type.getPackageName()
                    .startsWith("uk.hallmonitor." + module + ".internal")).count())
                    .as(module + " keeps its private parts in " + module + ".internal").isPositive();
        }
        assertThat(CLASSES.stream().filter(type -> type.getPackageName()
                .equals("uk.hallmonitor.sla.calendar.internal")).count())
                .as("sla.calendar keeps its store, uploads and pages in sla.calendar.internal").isPositive();
    }

    @Test
    void everyDepartureFromTheStyleTableIsStatedInTheModulesPackageInfo() throws IOException {
        for (Map.Entry<String, Set<String>> row : ALLOWED.entrySet()) {
            String module = row.getKey();
            Set<String> departures = new TreeSet<>(row.getValue());
            departures.removeAll(STYLE_TABLE.getOrDefault(module, Set.of()));
            departures.removeAll(FOUNDATION);
            if (departures.isEmpty()) {
                continue;
            }
            String info = Files.readString(Path.of("src/main/java/uk/hallmonitor", module, "package-info.java"));
            assertThat(info).as(module + "'s package-info states its departures from STYLE.md").contains("STYLE.md");
            String statement = info.substring(info.indexOf("STYLE.md"));
            for (String departure : departures) {
                assertThat(statement).as(module + "'s package-info says why it uses " + departure)
                        .containsPattern("\\b" + departure + "\\b");
            }
        }
    }

    @Test
    void theModuleDiagramInTheDocsIsTheGraphOfTheCode() throws IOException {
        Path doc = Path.of("deploy/docs/modules.md");
        String text = Files.readString(doc);
        int start = text.indexOf("```mermaid");
        int end = text.indexOf("```\n", start + 3) + 4;
        String drawn = start < 0 ? "" : text.substring(start, end);
        if (Boolean.getBoolean("hallmonitor.docs.write") && !drawn.equals(GRAPH.mermaid(FOUNDATION))) {
            Files.writeString(doc, text.substring(0, start) + GRAPH.mermaid(FOUNDATION) + text.substring(end));
            drawn = GRAPH.mermaid(FOUNDATION);
        }
        assertThat(drawn).as("deploy/docs/modules.md draws the graph the code has; rerun this test with "
                + "-Dhallmonitor.docs.write=true to redraw it").isEqualTo(GRAPH.mermaid(FOUNDATION));
    }

    @Test
    void theChecksFailOnAGraphThatBreaksThem() {
        JavaClasses broken = new ClassFileImporter().importPackages("uk.hallmonitor.modulefixture");
        ModuleGraph graph = ModuleGraph.of("uk.hallmonitor.modulefixture", broken);

        assertThat(graph.uses()).containsEntry("beta", Set.of("alpha"));
        assertThat(graph.usesNotAllowed(Map.of("alpha", Set.of("beta"), "beta", Set.of(), "gamma", Set.of("beta"))))
                .singleElement().asString().startsWith("beta uses alpha");
        assertThatThrownBy(() -> graph.checkNoCycles(broken)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
        assertThatThrownBy(() -> graph.checkNoInternalReach(broken)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Gamma").hasMessageContaining("beta.internal.Secret")
                .hasMessageContaining("Peek").hasMessageContaining("beta.inner.internal.Hidden");
    }

    @Test
    void systemKnowsNothingOfTheDomain() {
        noClasses().that().resideInAPackage("uk.hallmonitor.system..")
                .should().dependOnClassesThat().resideInAnyPackage("uk.hallmonitor.schools..",
                        "uk.hallmonitor.applications..", "uk.hallmonitor.accounts..", "uk.hallmonitor.audit..",
                        "uk.hallmonitor.vault..", "uk.hallmonitor.connectors..", "uk.hallmonitor.monitoring..",
                        "uk.hallmonitor.classification..", "uk.hallmonitor.moderation..", "uk.hallmonitor.incidents..",
                        "uk.hallmonitor.sla..", "uk.hallmonitor.reports..", "uk.hallmonitor.ownposts..",
                        "uk.hallmonitor.privacy..", "uk.hallmonitor.alerts..")
                .check(CLASSES);
    }

    @Test
    void privacyUsesOnlyTheAuditTrailAndTheCategoryNamesOfTheDomain() {
        // it reaches the other modules' collections by name (see its package-info), never their types
        noClasses().that().resideInAPackage("uk.hallmonitor.privacy..")
                .should().dependOnClassesThat().resideInAnyPackage("uk.hallmonitor.schools..",
                        "uk.hallmonitor.applications..", "uk.hallmonitor.accounts..", "uk.hallmonitor.vault..",
                        "uk.hallmonitor.connectors..", "uk.hallmonitor.monitoring..", "uk.hallmonitor.moderation..",
                        "uk.hallmonitor.incidents..", "uk.hallmonitor.sla..", "uk.hallmonitor.reports..",
                        "uk.hallmonitor.alerts..")
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
