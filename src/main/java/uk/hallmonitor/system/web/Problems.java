package uk.hallmonitor.system.web;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * RFC 9457 problem details for the rules the modules enforce. Each problem says what was wrong and how to fix it;
 * validation problems carry {@code errors}: a list of {@code {field, message}}.
 */
public final class Problems {

    private Problems() {
    }

    /** One field and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    /** 400 for one field, e.g. {@code badRequest("runnerIds", "name at least two runners")}. */
    public static ErrorResponseException badRequest(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /**
     * The constant of {@code type} that a request parameter names exactly, or {@code null} when it names none; 400
     * listing the constants when it names something else.
     */
    public static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException unknown) {
            throw badRequest(field, "one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")));
        }
    }

    /** 400 listing every field that is wrong. */
    public static ErrorResponseException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid: " + errors.stream()
                        .map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** 404; also used for ids in another school that the caller cannot see. */
    public static ErrorResponseException notFound(String what, String id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no " + what + " with id " + id + " that you can see");
        problem.setTitle("Not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    /** 403: the caller can see the record but their role does not allow the action. */
    public static ErrorResponseException forbidden(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setTitle("Not allowed");
        return new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
    }

    /** 409: the record's state does not allow the action; {@code reasons} lists each rule that failed. */
    public static ErrorResponseException conflict(String detail, List<String> reasons) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Conflict");
        if (!reasons.isEmpty()) {
            problem.setProperty("reasons", reasons);
        }
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    /** 409 with a single reason. */
    public static ErrorResponseException conflict(String detail) {
        return conflict(detail, List.of());
    }

    /** Any status with a title, detail and extra properties. */
    public static ErrorResponseException of(HttpStatus status, String title, String detail,
                                            Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        properties.forEach(problem::setProperty);
        return new ErrorResponseException(status, problem, null);
    }
}
