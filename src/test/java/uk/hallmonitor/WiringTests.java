package uk.hallmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The wiring rule of deploy/docs/modules.md ("Wiring"): a class that is not its module's API and whose only state is
 * the collaborators its one constructor assigns unchanged is a record. The second test shows the rule finding such
 * a class and passing over the ones that keep a constructor for a reason.
 */
class WiringTests {

    /** Classes that fit the rule but keep their constructor, each with its reason. */
    private static final Map<String, String> KEPT = Map.of(
            "uk.hallmonitor.system.security.StaffOidcUser", "serialised with the session",
            "uk.hallmonitor.system.web.PageModel", "its notices() model attribute would clash with the accessor",
            "uk.hallmonitor.vault.internal.CredentialRecords", "KeyRotationTests extends it to fake a stalled store",
            // files other changes of session 9 own (classification, home, moderation.web, sla.web, system.store)
            "uk.hallmonitor.classification.ClassifierHealth", "owned by another change this session",
            "uk.hallmonitor.home.HomePage", "owned by another change this session",
            "uk.hallmonitor.moderation.web.ModerationPages", "owned by another change this session",
            "uk.hallmonitor.sla.web.SlaPages", "owned by another change this session",
            "uk.hallmonitor.system.store.IndexesAtStart", "owned by another change this session",
            "uk.hallmonitor.system.store.StoreHealth", "owned by another change this session");

    @Test
    void aClassWhoseOnlyStateIsItsCollaboratorsIsARecord() {
        Stream<JavaClass> main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("uk.hallmonitor").stream()
                .filter(JavaClass::isTopLevelClass);

        assertThat(collaboratorOnly(main))
                .as("package-private classes whose constructor only assigns its parameters: make them records "
                        + "(deploy/docs/modules.md, Wiring) or say in KEPT why not")
                .containsExactlyInAnyOrderElementsOf(KEPT.keySet());
    }

    @Test
    void theRuleFindsOnlyTheClassThatJustAssignsItsCollaborators() {
        Stream<JavaClass> fixtures = new ClassFileImporter().importClasses(Assigns.class, Derives.class,
                AlreadyARecord.class, Public.class, HasState.class).stream();

        assertThat(collaboratorOnly(fixtures)).containsExactly(Assigns.class.getName());
    }

    /** Package-private classes with final instance fields that their one constructor sets from its parameters alone. */
    private static Set<String> collaboratorOnly(Stream<JavaClass> classes) {
        return classes
                .filter(type -> !type.isRecord() && !type.isInterface() && !type.isEnum() && !type.isAnnotation())
                .filter(type -> !type.getModifiers().contains(JavaModifier.PUBLIC)
                        && !type.getModifiers().contains(JavaModifier.ABSTRACT))
                .filter(type -> type.getRawSuperclass().map(parent -> parent.isEquivalentTo(Object.class))
                        .orElse(true))
                .filter(WiringTests::onlyAssignsItsCollaborators)
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean onlyAssignsItsCollaborators(JavaClass type) {
        Set<JavaField> fields = type.getFields().stream()
                .filter(field -> !field.getModifiers().contains(JavaModifier.STATIC))
                .collect(Collectors.toSet());
        if (fields.isEmpty() || type.getConstructors().size() != 1
                || !fields.stream().allMatch(field -> field.getModifiers().contains(JavaModifier.FINAL))) {
            return false;
        }
        JavaConstructor constructor = type.getConstructors().iterator().next();
        boolean onlySets = constructor.getFieldAccesses().stream()
                .allMatch(access -> access.getAccessType() == JavaFieldAccess.AccessType.SET
                        && access.getTargetOwner().equals(type));
        Set<String> set = constructor.getFieldAccesses().stream()
                .map(access -> access.getTarget().getName()).collect(Collectors.toSet());
        // anything called besides Object's constructor computes a value: the class derives state, it keeps a body
        boolean callsNothing = constructor.getMethodCallsFromSelf().isEmpty()
                && constructor.getConstructorCallsFromSelf().stream().map(JavaAccess::getTargetOwner)
                        .allMatch(owner -> owner.isEquivalentTo(Object.class));
        return onlySets && callsNothing && set.size() == fields.size()
                && set.equals(fields.stream().map(JavaField::getName).collect(Collectors.toSet()));
    }

    static class Assigns {

        private final Clock clock;

        Assigns(Clock clock) {
            this.clock = clock;
        }
    }

    static class Derives {

        private final Clock clock;

        Derives(Clock clock) {
            this.clock = clock.withZone(java.time.ZoneOffset.UTC);
        }
    }

    record AlreadyARecord(Clock clock) {
    }

    public static class Public {

        private final Clock clock;

        public Public(Clock clock) {
            this.clock = clock;
        }
    }

    static class HasState {

        private final Clock clock;
        private volatile boolean running;

        HasState(Clock clock) {
            this.clock = clock;
        }
    }
}
