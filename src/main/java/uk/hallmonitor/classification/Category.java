package uk.hallmonitor.classification;

/** What is wrong with a post, if anything. */
public enum Category {
    /** Insults, harassment. */
    ABUSE(false),
    /** Targeting a pupil or member of staff. */
    BULLYING(false),
    /** Violence, threats against people or the school. */
    THREAT(true),
    /** Race, religion, sex, disability, sexuality. */
    HATE(false),
    /** Sexual content, and above all grooming: an adult's approach to a pupil. */
    SEXUAL(true),
    /** Swearing. */
    PROFANITY(false),
    /** Advertising, scams, link farms. */
    SPAM(false),
    /** Phone numbers, addresses, emails, a pupil's full name. */
    PERSONAL_DATA(false),
    /** Extremism and radicalisation (Prevent duty). */
    EXTREMISM(true),
    /** Self-harm and suicide: about oneself, a friend, or urged on someone. */
    SELF_HARM(true),
    /** A child (or someone about a child) disclosing abuse or neglect: at home, by an adult, online. */
    DISCLOSURE(true);

    private final boolean safeguarding;

    Category(boolean safeguarding) {
        this.safeguarding = safeguarding;
    }

    /** Whether a post in this category goes to the designated safeguarding lead at once. */
    public boolean safeguarding() {
        return safeguarding;
    }
}
