package uk.hallmonitor.classification.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds UK phone numbers, postcodes and email addresses: rules beat statistics here, and a moderator needs to know
 * which kind of personal data a post exposes. Patterns are linear (no nested quantifiers) so hostile input cannot
 * make them backtrack for long.
 */
public final class PersonalDataDetector {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,4}\\.[A-Za-z]{2,10}");
    // 07xxx xxxxxx mobiles, 01/02/03 landlines, +44 forms, with optional spaces, dots or dashes between groups
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\d+])(?:\\+44\\s?\\(?0?\\)?\\s?|\\(?0)(?:\\d[\\s.-]?){9,10}(?!\\d)");
    private static final Pattern POSTCODE = Pattern.compile(
            "\\b(?:[A-Za-z]{1,2}\\d[A-Za-z\\d]?)\\s?\\d[A-Za-z]{2}\\b");
    private static final Pattern HOME_ADDRESS = Pattern.compile(
            "(?i)\\b\\d{1,4}\\s+[a-z]{3,20}\\s+(?:road|rd|street|st|avenue|ave|lane|close|drive|crescent|way|gardens|grove|terrace)\\b");

    /** One finding: its kind and where it is. */
    public record Finding(String kind, int start, int end) {
    }

    /** All findings in a cleaned text. */
    public List<Finding> find(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits++;
            }
        }
        List<Finding> found = new ArrayList<>(2);
        add(EMAIL, "email", text, found);
        // most posts have no digits at all: the number patterns need not scan them
        if (digits >= 10) {
            add(PHONE, "phone number", text, found);
        }
        if (digits > 0) {
            add(POSTCODE, "postcode", text, found);
            add(HOME_ADDRESS, "street address", text, found);
        }
        return found;
    }

    private static void add(Pattern pattern, String kind, String text, List<Finding> found) {
        if (kind.equals("email") && text.indexOf('@') < 0) {
            return;
        }
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (kind.equals("postcode") && !plausiblePostcode(m.group())) {
                continue;
            }
            found.add(new Finding(kind, m.start(), m.end()));
        }
    }

    /** Rules out look-alikes such as "a1 2nd" while keeping "SW1A 1AA" and "m1 1ae". */
    private static boolean plausiblePostcode(String candidate) {
        String compact = candidate.replace(" ", "");
        char last = compact.charAt(compact.length() - 1);
        return compact.length() >= 5 && compact.length() <= 7 && Character.isLetter(last)
                && !compact.toLowerCase().matches(".*\\d(st|nd|rd|th)$");
    }
}
