package uk.hallmonitor.monitoring.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.CommentImport;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;

/**
 * {@code POST /api/v1/accounts/{id}/imports?fileName=comments.csv}: stores a platform's exported comments (CSV or
 * JSON) for an account whose platform has no API a school can use. Posts go through the same checks and the same
 * store as polled ones, so they are classified, alerted and clocked alike, and importing a file twice stores nothing
 * twice.
 */
@RestController
record CommentImports(CommentImport reader, AccountRegister register, PostStore posts, AuditTrail audit, Clock clock) {

    /** What an import did: rows read, posts new, edited or already known, and each row that could not be read. */
    record ImportResult(int read, int stored, int edited, int unchanged, List<String> errors) {
    }

    @PostMapping("/api/v1/accounts/{id}/imports")
    @ResponseStatus(HttpStatus.OK)
    Mono<ImportResult> importComments(@PathVariable String id, @RequestParam(required = false) String fileName,
                                      @RequestBody(required = false) byte[] content) {
        return Callers.current().flatMap(caller -> register.account(id)
                .transform(SchoolScopedPages.visibleTo(caller, SchoolAccount::schoolId, "account", id))
                .flatMap(account -> {
                    if (!mayImport(caller, account)) {
                        return Mono.error(Problems.forbidden("only the account's runners, moderators, SLT or an "
                                + "administrator can import its comments"));
                    }
                    if (account.status() == AccountStatus.CLOSED) {
                        return Mono.error(Problems.conflict("this account is closed"));
                    }
                    if (fileName == null || fileName.isBlank()) {
                        return Mono.error(Problems.badRequest("fileName", "name the file, ending in .csv or .json"));
                    }
                    if (content == null || content.length == 0) {
                        return Mono.error(Problems.badRequest("body", "send the exported file as the request body"));
                    }
                    CommentImport.Imported imported;
                    try {
                        imported = reader.read(fileName, content);
                    } catch (ConnectorException e) {
                        return Mono.error(Problems.badRequest(fileName.toLowerCase().matches(".*\\.(csv|json)")
                                ? "body" : "fileName", e.getMessage()));
                    }
                    return store(caller, account, imported);
                }));
    }

    private Mono<ImportResult> store(Caller caller, SchoolAccount account, CommentImport.Imported imported) {
        Map<String, String> connection = new LinkedHashMap<>(account.connection());
        Source source = new Source(account.id(), account.schoolId(), account.platform(),
                account.platformAccountId() == null ? "" : account.platformAccountId(), account.handle(), List.of(),
                connection, Integer.MAX_VALUE);
        BatchCheck checked = BatchCheck.of(new Batch(imported.posts(), Cursor.START, 0, imported.errors(), null),
                source, clock.instant());
        return Flux.fromIterable(checked.posts())
                .concatMap(post -> posts.store(source, post))
                .collectList()
                .map(stored -> new ImportResult(imported.posts().size() + imported.errors().size(),
                        count(stored, PostStore.Outcome.NEW), count(stored, PostStore.Outcome.EDITED),
                        count(stored, PostStore.Outcome.UNCHANGED), checked.warnings()))
                .flatMap(result -> audit.record(new AuditEvent(caller.username(), "posts.imported",
                        account.schoolId(), "account", account.id(), null,
                        Map.of("read", result.read(), "stored", result.stored(), "edited", result.edited(),
                                "errors", result.errors().size())))
                        .thenReturn(result));
    }

    private static int count(List<PostStore.Stored> stored, PostStore.Outcome outcome) {
        return (int) stored.stream().filter(s -> s.outcome() == outcome).count();
    }

    private static boolean mayImport(Caller caller, SchoolAccount account) {
        return caller.hasAnyIn(account.schoolId(), Role.ADMIN, Role.SLT, Role.MODERATOR)
                || account.runnerIds().contains(caller.staffId());
    }
}
