package uk.hallmonitor.moderation.internal;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageResponse;

/** The moderation queue, its actions and the reply templates. */
@RestController
@RequestMapping("/api/v1")
record ModerationController(ModerationQueue queue) {

    @GetMapping("/posts")
    Mono<PageResponse<PostView>> posts(@RequestParam(required = false) String schoolId,
                                       @RequestParam(required = false) Boolean flagged,
                                       @RequestParam(required = false) String accountId,
                                       @RequestParam(required = false) String category,
                                       @RequestParam(required = false) String status,
                                       @RequestParam(required = false) String severity,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "50") int size) {
        return Callers.current().flatMap(caller -> queue.page(caller, schoolId, flagged, accountId, category, status,
                severity, page, size));
    }

    @GetMapping("/posts/{id}")
    Mono<PostView> post(@PathVariable String id) {
        return Callers.current().flatMap(caller -> queue.one(caller, id));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Act on a flagged post", description = "action is DISMISS, HIDE, DELETE, BLOCK_AUTHOR, REPORT, ESCALATE or REPLY; note is required."
            + " HIDE, DELETE and REPLY are carried out through the account's connector where the platform"
            + " allows it (Facebook, Instagram, YouTube; X hides only): the action's outcome is ON_PLATFORM,"
            + " PLATFORM_FAILED (do it by hand; a refused hide or delete leaves the response clock running),"
            + " POST_GONE, or BY_HAND where no connector can. On YouTube DELETE rejects the comment (a channel"
            + " may delete only its own). REPLY needs replyText (at most 2,000 characters), posted as the"
            + " school; replyText with any other action is a 400 naming replyText.")
    @PostMapping("/posts/{id}/actions")
    Mono<PostView> act(@PathVariable String id, @RequestBody(required = false) ActionRequest request) {
        return Callers.current().flatMap(caller -> queue.act(caller, id, request));
    }

    @GetMapping("/moderation/templates")
    Mono<List<ReplyTemplate>> templates() {
        return Callers.current().thenReturn(ReplyTemplates.ALL);
    }
}
