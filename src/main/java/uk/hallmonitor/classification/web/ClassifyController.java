package uk.hallmonitor.classification.web;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.hallmonitor.classification.ClassificationProperties;
import uk.hallmonitor.classification.OpenNlpPostClassifier;
import uk.hallmonitor.classification.Verdict;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.Problems;

/** Classifies one text for any logged-in user; stores nothing. */
@RestController
@RequestMapping("/api/v1/classify")
class ClassifyController {

    /** The request: the text to classify. */
    record ClassifyRequest(String text) {
    }

    private final OpenNlpPostClassifier classifier;
    private final int maxTextLength;

    ClassifyController(OpenNlpPostClassifier classifier, ClassificationProperties properties) {
        this.classifier = classifier;
        this.maxTextLength = properties.maxTextLength();
    }

    @PostMapping
    Mono<Verdict> classify(@RequestBody(required = false) ClassifyRequest request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            return Mono.error(Problems.badRequest("text", "give the text to classify"));
        }
        if (request.text().length() > maxTextLength) {
            return Mono.error(Problems.badRequest("text", "at most " + maxTextLength + " characters"));
        }
        // wait (without holding a thread) for the models if they are still loading; long texts cost a millisecond
        // or more: keep that work off the event loop
        return classifier.whenLoaded().then(Callers.current()).publishOn(Schedulers.parallel())
                .map(caller -> classifier.classify(request.text(), caller.isAdmin() ? null : caller.schoolId()));
    }
}
