package uk.hallmonitor.privacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.privacy.SubjectData;

/**
 * Every stored collection that can hold a post, a handle or a staff id is covered by subject access and erasure: it
 * has a {@link SubjectData} contributor, or it is on the exempt list below with the reason. A new {@code @Document}
 * with such a field fails here until the export and erasure include it.
 */
class SubjectDataCoverageTests {

    /** Field names that hold people's words or point at a person. */
    private static final Set<String> PERSONAL = Set.of("text", "body", "note", "notes", "authorHandle", "authorId",
            "handle", "staffId", "staffIds", "owner", "applicantId", "runnerIds", "recipientStaffId", "acknowledgedBy",
            "metBy", "postId", "postIds", "knownBy", "email", "username", "name", "actor", "subjects");

    /** Collections that hold such fields but are answered otherwise; each with the reason. */
    private static final Map<String, String> EXEMPT = Map.of(
            // the audit trail is kept whole by law and names people only by pseudonym; the content of purged and
            // erased records is redacted from it, and GET /api/v1/audit?subject= answers who saw a person's data
            "audit_entries", "audit trail",
            // the requests themselves: the school must be able to show it answered them; they name the person asked
            // about but never hold their data
            "privacy_requests", "subject requests",
            // the school itself: its name is not a person's
            "schools", "schools",
            // bank holidays: the name is the holiday's
            "sla_bank_holidays", "bank holidays",
            // a school account's sealed platform session (Bluesky): the name is the session's, the sealed value the
            // school account's tokens; it holds nothing of a person
            "connector_sessions", "connector sessions");

    @Test
    void everyCollectionThatMentionsPeopleHasAContributorOrAReasonToBeExempt() {
        List<Class<?>> documents = documentsOfTheApplication();
        assertThat(documents).as("the scan finds the application's documents").hasSizeGreaterThan(15);

        assertThat(uncovered(documents, contributorCollections())).as("collections holding people's data with no"
                + " SubjectData contributor (add one in SubjectDataConfiguration, or exempt it here with the"
                + " reason)").isEmpty();
    }

    @Test
    void aNewCollectionHoldingPeoplesWordsIsReportedUntilItHasAContributor() {
        assertThat(uncovered(List.of(PupilNote.class), contributorCollections())).containsExactly("pupil_notes");
        Set<String> withIt = new HashSet<>(contributorCollections());
        withIt.add("pupil_notes");
        assertThat(uncovered(List.of(PupilNote.class), withIt)).isEmpty();
    }

    @Test
    void everyContributorAnswersForACollectionThatExists() {
        Set<String> stored = new HashSet<>();
        documentsOfTheApplication().forEach(type -> stored.add(collection(type)));
        assertThat(contributorCollections()).allMatch(stored::contains);
    }

    /** A collection someone might add: a note about a pupil by a member of staff. */
    @Document("pupil_notes")
    record PupilNote(@Id String id, String staffId, String text) {
    }

    private static Set<String> uncovered(List<Class<?>> documents, Set<String> covered) {
        Set<String> missing = new TreeSet<>();
        for (Class<?> type : documents) {
            String collection = collection(type);
            if (!covered.contains(collection) && !EXEMPT.containsKey(collection) && mentionsPeople(type, 0)) {
                missing.add(collection);
            }
        }
        return missing;
    }

    /** Whether the type, or a record of the application inside it, has a field that points at a person. */
    private static boolean mentionsPeople(Class<?> type, int depth) {
        if (!type.isRecord() || depth > 2) {
            return false;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (PERSONAL.contains(component.getName())) {
                return true;
            }
            for (Class<?> inner : applicationTypes(component.getGenericType())) {
                if (mentionsPeople(inner, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Class<?>> applicationTypes(Type type) {
        List<Class<?>> found = new ArrayList<>();
        if (type instanceof Class<?> c && c.getName().startsWith("uk.hallmonitor.")) {
            found.add(c);
        } else if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                found.addAll(applicationTypes(argument));
            }
        }
        return found;
    }

    private static String collection(Class<?> type) {
        Document document = type.getAnnotation(Document.class);
        String name = !document.collection().isEmpty() ? document.collection() : document.value();
        return name.isEmpty() ? Character.toLowerCase(type.getSimpleName().charAt(0))
                + type.getSimpleName().substring(1) : name;
    }

    /** The collections the contributors of {@link SubjectDataConfiguration} answer for. */
    private static Set<String> contributorCollections() {
        Set<String> collections = new HashSet<>();
        SubjectDataConfiguration configuration = new SubjectDataConfiguration();
        for (Method method : SubjectDataConfiguration.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Bean.class) && SubjectData.class.isAssignableFrom(method.getReturnType())) {
                try {
                    method.setAccessible(true);
                    collections.add(((SubjectData) method.invoke(configuration, new Object[] {null})).collection());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return collections;
    }

    /** Every {@code @Document} of the main code (test fixtures, like {@link PupilNote}, left out). */
    private static List<Class<?>> documentsOfTheApplication() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(Document.class));
        List<Class<?>> found = new ArrayList<>();
        scanner.findCandidateComponents("uk.hallmonitor").forEach(definition -> {
            try {
                Class<?> type = Class.forName(definition.getBeanClassName());
                String location = String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
                if (!location.contains("test-classes")) {
                    found.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        });
        return found;
    }
}
