package uk.hallmonitor.ownposts.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.classification.PersonalDataRules;
import uk.hallmonitor.ownposts.Finding;
import uk.hallmonitor.ownposts.FindingKind;
import uk.hallmonitor.ownposts.OwnPostChecks;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.web.Problems;

/**
 * {@link OwnPostChecks}: the school's roster through {@link PupilNameFinder}, the classifier's personal-data rules,
 * and dates of birth (which those rules leave out because only a school's own post is likely to give one).
 */
@Component
class OwnPostChecker implements OwnPostChecks {

    static final int MAX_TEXT = 10_000;
    private static final String MONTHS = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
    private static final Pattern DATE_OF_BIRTH = Pattern.compile("(?i)\\b(?:d\\.?o\\.?b\\.?|date of birth|born(?: on)?)"
            + "\\s{0,3}:?\\s{0,3}(?:\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{1,2}(?:st|nd|rd|th)?\\s{1,3}(?:of\\s{1,3})?"
            + MONTHS + "(?:\\s{1,3}\\d{4})?|" + MONTHS + "\\s{1,3}\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s{1,3}\\d{4})?)");

    private final RosterBook rosters;
    private final OwnPostAccess access;
    private final PersonalDataRules personalData = new PersonalDataRules();

    OwnPostChecker(RosterBook rosters, OwnPostAccess access) {
        this.rosters = rosters;
        this.access = access;
    }

    @Override
    public Mono<List<Finding>> check(Caller caller, String schoolId, String text) {
        if (schoolId == null || schoolId.isBlank()) {
            return Mono.error(Problems.badRequest("schoolId", "name the school whose roster to check against"));
        }
        if (text == null || text.isBlank()) {
            return Mono.error(Problems.badRequest("text", "paste the draft post to check"));
        }
        if (text.length() > MAX_TEXT) {
            return Mono.error(Problems.badRequest("text", "is " + text.length() + " characters; check at most "
                    + MAX_TEXT + " at a time"));
        }
        boolean names = OwnPostChecks.maySeeNames(caller, schoolId);
        return access.schoolWorker(caller, schoolId).then(findAll(schoolId, text))
                .map(found -> names ? found : found.stream().map(Finding::withoutText).toList());
    }

    /** Every finding with its words, for the service itself (the arriving-post check). */
    Mono<List<Finding>> findAll(String schoolId, String text) {
        return rosters.current(schoolId).map(roster -> {
            List<Finding> found = new ArrayList<>();
            for (PupilNameFinder.Match m : roster.finder().find(text)) {
                found.add(new Finding(m.kind(), text.substring(m.start(), m.end()), m.start(), m.end(),
                        m.form().words));
            }
            for (PersonalDataRules.Span span : personalData.find(text)) {
                // the phone pattern takes a separator after the last digit: the finding ends at the number
                int end = span.end();
                while (end > span.start() + 1 && !Character.isLetterOrDigit(text.charAt(end - 1))) {
                    end--;
                }
                found.add(new Finding(FindingKind.PERSONAL_DATA, text.substring(span.start(), end), span.start(),
                        end, span.kind()));
            }
            Matcher dob = DATE_OF_BIRTH.matcher(text);
            while (dob.find()) {
                found.add(new Finding(FindingKind.PERSONAL_DATA, dob.group(), dob.start(), dob.end(),
                        "date of birth"));
            }
            found.sort(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end));
            return List.copyOf(found);
        });
    }
}
