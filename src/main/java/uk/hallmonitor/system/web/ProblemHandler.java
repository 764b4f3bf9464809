package uk.hallmonitor.system.web;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import uk.hallmonitor.system.web.Problems.FieldError;

/**
 * Turns every failure into an RFC 9457 problem detail that names the field or rule and how to fix it: bean
 * validation and unreadable JSON become 400 with {@code errors}, bodies over the limit 413, lost races 409, and
 * anything unexpected a 500 that reveals nothing of the internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final ErrorPages pages;

    ProblemHandler(ErrorPages pages) {
        this.pages = pages;
    }

    /** Every problem the base class answers goes through here: a browser on a page gets the error page instead. */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(@Nullable Object body, @Nullable HttpHeaders headers,
                                                                HttpStatusCode status, ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem && ErrorPages.wanted(exchange)) {
            return pages.render(problem, exchange)
                    .switchIfEmpty(Mono.defer(() -> super.createResponseEntity(body, headers, status, exchange)));
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          ServerWebExchange exchange) {
        List<FieldError> errors = new ArrayList<>();
        ex.getFieldErrors().forEach(e -> errors.add(new FieldError(e.getField(), e.getDefaultMessage())));
        ex.getGlobalErrors().forEach(e -> errors.add(new FieldError(e.getObjectName(), e.getDefaultMessage())));
        return respond(Problems.invalid(errors).getBody(), exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         ServerWebExchange exchange) {
        Throwable cause = ex;
        while (cause != null) {
            if (cause instanceof DataBufferLimitException) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        "the request body is larger than 1 MB; send less");
                problem.setTitle("Request too large");
                return respond(problem, exchange);
            }
            if (cause instanceof JacksonException json) {
                return respond(Problems.invalid(List.of(jsonError(json))).getBody(), exchange);
            }
            cause = cause.getCause();
        }
        String field = ex.getMethodParameter() != null && ex.getMethodParameter().getParameterName() != null
                ? ex.getMethodParameter().getParameterName() : "body";
        return respond(Problems.badRequest(field, ex.getReason() == null ? "unreadable input" : ex.getReason())
                .getBody(), exchange);
    }

    private static FieldError jsonError(JacksonException json) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : json.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        String original = json.getOriginalMessage() == null ? "" : json.getOriginalMessage();
        String message;
        java.util.regex.Matcher duplicate = java.util.regex.Pattern.compile("Duplicate Object property \"([^\"]*)\"")
                .matcher(original);
        Class<?> target = json instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (duplicate.find()) {
            // strict reading: the same key twice is refused rather than the last one silently winning
            path.append(path.isEmpty() ? "" : ".").append(duplicate.group(1));
            message = "appears more than once in the same object; send it once";
        } else if (target == String.class && !original.startsWith("Cannot")) {
            // our own text check (StrictJson.CheckedText): its message is already for the caller
            message = firstLine(original);
        } else if (target != null && target.isEnum()) {
            message = "unknown value; use one of the names " + java.util.Arrays.toString(target.getEnumConstants())
                    + " (as text, not a number)";
        } else if (path.isEmpty()) {
            message = "the body is not valid JSON for this request: " + firstLine(original);
        } else if (original.contains("from Object value") || original.contains("START_OBJECT")) {
            message = "expected a plain value, not an object (query operators such as $ne are not accepted)";
        } else if (original.contains("not one of the values accepted")) {
            message = "unknown value; " + firstLine(original.substring(original.indexOf("not one of")));
        } else {
            message = "wrong type or format: " + firstLine(original);
        }
        return new FieldError(path.isEmpty() ? "body" : path.toString(), message);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    /** A form or other body read by the handler itself (not bound by a codec) that exceeds the limit. */
    @ExceptionHandler(DataBufferLimitException.class)
    Mono<ResponseEntity<Object>> tooLarge(DataBufferLimitException ex, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "the request body is larger than 1 MB; send less");
        problem.setTitle("Request too large");
        return respond(problem, exchange);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    Mono<ResponseEntity<Object>> duplicate(DuplicateKeyException ex, ServerWebExchange exchange) {
        return respond(Problems.conflict("a record with the same key already exists").getBody(), exchange);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    Mono<ResponseEntity<Object>> lostRace(OptimisticLockingFailureException ex, ServerWebExchange exchange) {
        return respond(Problems.conflict("someone else changed this record at the same time; reload and try again")
                .getBody(), exchange);
    }

    @ExceptionHandler(Exception.class)
    Mono<ResponseEntity<Object>> unexpected(Exception ex, ServerWebExchange exchange) {
        // never echo the exception's message: it may carry internals
        log.error("unexpected failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "something went wrong on our side; the request was not completed and can be retried");
        problem.setTitle("Internal error");
        return respond(problem, exchange);
    }

    private Mono<ResponseEntity<Object>> respond(ProblemDetail problem, ServerWebExchange exchange) {
        problem.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        Mono<ResponseEntity<Object>> json = Mono.fromSupplier(() -> ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem));
        return ErrorPages.wanted(exchange) ? pages.render(problem, exchange).switchIfEmpty(json) : json;
    }
}
