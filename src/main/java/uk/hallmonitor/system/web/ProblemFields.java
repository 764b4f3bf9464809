package uk.hallmonitor.system.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A service's problem turned into what a form shows (GOV.UK error summary): each error in plain words, linked to
 * the control it is about. The page names its controls: {@code labels} maps an API field ({@code timezone}) to the
 * words on the form ("Time zone") and the control's id is the field name with dots and brackets made safe.
 */
public final class ProblemFields {

    /** One error on a form: the id of the control ({@code href} without '#') and what to fix. */
    public record Shown(String field, String href, String text) {
    }

    private ProblemFields() {
    }

    /** The errors of a refused request; a problem that is no field's shows as one error about the form. */
    public static List<Shown> of(Throwable error, Map<String, String> labels) {
        List<Shown> shown = new ArrayList<>();
        if (error instanceof ErrorResponseException response) {
            ProblemDetail problem = response.getBody();
            Object errors = problem.getProperties() == null ? null : problem.getProperties().get("errors");
            if (errors instanceof List<?> list && !list.isEmpty()) {
                for (Object item : list) {
                    if (item instanceof Problems.FieldError fieldError) {
                        shown.add(shown(fieldError.field(), fieldError.message(), labels));
                    }
                }
            }
            if (shown.isEmpty()) {
                shown.add(new Shown("form", "form",
                        problem.getDetail() == null ? problem.getTitle() : problem.getDetail()));
            }
            return shown;
        }
        throw error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
    }

    /** An error the page itself found. */
    public static Shown field(String field, String message, Map<String, String> labels) {
        return shown(field, message, labels);
    }

    /** The id of the control for an API field: {@code rows[3].email} becomes {@code rows-3-email}. */
    public static String id(String field) {
        return field.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-+$", "");
    }

    private static Shown shown(String field, String message, Map<String, String> labels) {
        String label = labels.get(field);
        String text = label == null ? message : label + ": " + message;
        return new Shown(field, labels.containsKey(field) ? id(field) : "form", text);
    }
}
