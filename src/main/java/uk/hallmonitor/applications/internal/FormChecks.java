package uk.hallmonitor.applications.internal;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.web.Problems;

/** Runs the same bean validation on a form post that the JSON API runs on a request body. */
public final class FormChecks {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private FormChecks() {
    }

    public static Mono<ApplicationForm> valid(ApplicationForm form) {
        List<Problems.FieldError> errors = VALIDATOR.validate(form).stream()
                .map(v -> new Problems.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(Problems.FieldError::field))
                .toList();
        return errors.isEmpty() ? Mono.just(form) : Mono.error(Problems.invalid(errors));
    }
}
