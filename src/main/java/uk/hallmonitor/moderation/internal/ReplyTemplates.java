package uk.hallmonitor.moderation.internal;

import java.util.List;

/** The replies the social media policy asks for, ready to adapt ({@code 002} "Handling abuse", "Parents/Carers"). */
public final class ReplyTemplates {

    public static final List<ReplyTemplate> ALL = List.of(
            new ReplyTemplate("parent-remove-and-discuss", "PARENT",
                    "Ask a parent or carer to remove a post and invite them to discuss it",
                    "the school will ask the parent/carer to remove the post and invite them to discuss the issues "
                            + "in person",
                    "Thank you for getting in touch. We would be grateful if you could remove this post: we would "
                            + "much rather talk about it with you in person, where we can listen properly and help. "
                            + "Please contact {contact} to arrange a time that suits you. {school}"),
            new ReplyTemplate("complaints-procedure", "PARENT",
                    "Point to the complaints procedure",
                    "If necessary, refer parents to the school's complaints procedures",
                    "We are sorry you are unhappy. So that your concern is looked into fairly and fully, please "
                            + "raise it through our complaints procedure, which you can find on our website or ask "
                            + "for at the school office ({contact}). We cannot discuss individual matters here. "
                            + "{school}"),
            new ReplyTemplate("pupil-behaviour-policy", "PUPIL",
                    "A pupil's offensive or inappropriate comment",
                    "Any offensive or inappropriate comments will be resolved by the use of the school's behaviour "
                            + "policy",
                    "This comment has been removed because it breaks the rules for this page. We will follow it "
                            + "up in school under our behaviour policy. {school}"),
            new ReplyTemplate("audience-removed", "PUBLIC",
                    "Tell the audience why a comment was removed or a user blocked",
                    "should inform the audience exactly why the action was taken",
                    "We have removed a comment (and blocked its author) because it was abusive, which our page "
                            + "rules do not allow. Everyone is welcome to comment respectfully. {school}"));

    private ReplyTemplates() {
    }
}
