package uk.hallmonitor.system.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal from a module's service (an RFC 9457 problem) as a form shows it: the field errors for the error
 * summary, or one sentence when the problem names no field.
 */
public final class FormProblems {

    private FormProblems() {
    }

    /** The field errors of the problem; a problem without any becomes one error on {@code fallbackField}. */
    public static List<Problems.FieldError> of(Throwable error, String fallbackField) {
        List<Problems.FieldError> found = new ArrayList<>();
        if (error instanceof ErrorResponseException problem) {
            ProblemDetail body = problem.getBody();
            Object errors = body.getProperties() == null ? null : body.getProperties().get("errors");
            if (errors instanceof List<?> list) {
                list.forEach(item -> {
                    if (item instanceof Problems.FieldError fieldError) {
                        found.add(fieldError);
                    }
                });
            }
            if (found.isEmpty()) {
                found.add(new Problems.FieldError(fallbackField, sentence(body.getDetail())));
            }
        } else {
            found.add(new Problems.FieldError(fallbackField, "that did not work: " + error.getMessage()));
        }
        return found;
    }

    /** The problem's detail, for a confirmation or a banner. */
    public static String message(Throwable error) {
        if (error instanceof ErrorResponseException problem && problem.getBody().getDetail() != null) {
            return sentence(problem.getBody().getDetail());
        }
        return "That did not work: " + error.getMessage();
    }

    private static String sentence(String detail) {
        if (detail == null || detail.isBlank()) {
            return "That could not be done.";
        }
        return Character.toUpperCase(detail.charAt(0)) + detail.substring(1);
    }
}
