package uk.hallmonitor.vault.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.Problems.FieldError;
import uk.hallmonitor.vault.CredentialMetadata;
import uk.hallmonitor.vault.CredentialVault;
import uk.hallmonitor.vault.KeyRotationStatus;
import uk.hallmonitor.vault.NewSecret;
import uk.hallmonitor.vault.PolicyCheck;
import uk.hallmonitor.vault.SecretKind;

/**
 * The vault's REST endpoints. The body of a store request is parsed here rather than by the codec, so that no
 * framework error message can ever quote the secret back (a malformed body is reported without its content).
 */
@RestController
@RequestMapping("/api/v1")
record CredentialController(CredentialVault vault) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The password policy verdict of a stored secret: PASSED, FAILED or NOT_APPLICABLE. */
    static final String POLICY_HEADER = "Hallmonitor-Secret-Policy";
    /** What a FAILED secret lacks, in words. */
    static final String POLICY_REASONS_HEADER = "Hallmonitor-Secret-Policy-Reasons";

    /** The answer to a reveal: the plaintext, once. */
    record Revealed(String secret) {

        @Override
        public String toString() {
            return "Revealed[secret=(redacted)]";
        }
    }

    /** Why the plaintext is needed; audited. */
    record RevealRequest(String reason) {
    }

    @PutMapping("/accounts/{accountId}/credentials/{name}")
    Mono<ResponseEntity<Void>> put(@PathVariable String accountId, @PathVariable String name,
                                   @RequestBody(required = false) String body) {
        return Mono.fromCallable(() -> parse(body))
                .flatMap(secret -> Callers.current().flatMap(caller -> vault.put(caller, accountId, name, secret)))
                .map(stored -> verdict(stored.policy()));
    }

    /**
     * API.md fixes the answer to a store as 204 with no body (the secret is never echoed), so the password policy's
     * verdict travels in headers; the same verdict is in the credential's metadata ({@code policy}).
     */
    private static ResponseEntity<Void> verdict(PolicyCheck policy) {
        ResponseEntity.HeadersBuilder<?> answer = ResponseEntity.noContent().header(POLICY_HEADER, policy.result());
        if (policy.message() != null) {
            answer.header(POLICY_REASONS_HEADER, policy.message());
        }
        return answer.build();
    }

    @GetMapping("/accounts/{accountId}/credentials")
    Mono<PageResponse<CredentialMetadata>> list(@PathVariable String accountId,
                                                @RequestParam(defaultValue = "0") int page,
                                                @RequestParam(defaultValue = "50") int size) {
        checkPaging(page, size);
        return Callers.current()
                .flatMap(caller -> vault.list(caller, accountId).collectList())
                .map(all -> {
                    int from = (int) Math.min((long) page * size, all.size());
                    int to = Math.min(from + size, all.size());
                    return new PageResponse<>(all.subList(from, to), page, size, all.size());
                });
    }

    @PostMapping("/accounts/{accountId}/credentials/{name}/reveal")
    Mono<ResponseEntity<Revealed>> reveal(@PathVariable String accountId, @PathVariable String name,
                                          @RequestBody(required = false) RevealRequest request) {
        return Callers.current()
                .flatMap(caller -> vault.reveal(caller, accountId, name, request == null ? null : request.reason()))
                .map(revealed -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                        .body(new Revealed(revealed.secret())));
    }

    @PostMapping("/vault/key-rotations")
    Mono<ResponseEntity<KeyRotationStatus>> rotateKeys() {
        return Callers.current().flatMap(vault::rotateKeys)
                .map(status -> ResponseEntity.accepted()
                        .location(URI.create("/api/v1/vault/key-rotations/" + status.id())).body(status));
    }

    @GetMapping("/vault/key-rotations/{rotationId}")
    Mono<KeyRotationStatus> keyRotation(@PathVariable String rotationId) {
        return Callers.current().flatMap(caller -> vault.keyRotation(caller, rotationId));
    }

    private static NewSecret parse(String body) {
        if (body == null || body.isBlank()) {
            throw Problems.badRequest("secret", "must not be empty; send {\"secret\": \"...\"}");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            // never e.getMessage(): Jackson quotes the offending input, which would be the secret
            throw Problems.badRequest("body", "not valid JSON; send {\"secret\": \"...\"}");
        }
        if (node == null || !node.isObject()) {
            throw Problems.badRequest("body", "send a JSON object: {\"secret\": \"...\"}");
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode secret = node.get("secret");
        if (secret == null || secret.isNull()) {
            errors.add(new FieldError("secret", "must not be empty"));
        } else if (!secret.isString()) {
            errors.add(new FieldError("secret", "must be a string"));
        }
        SecretKind kind = null;
        JsonNode kindNode = node.get("kind");
        if (kindNode != null && !kindNode.isNull()) {
            try {
                kind = SecretKind.valueOf(kindNode.asString().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("kind", "unknown kind; use one of " + List.of(SecretKind.values())));
            }
        }
        Boolean administratorLevel = null;
        JsonNode levelNode = node.get("administratorLevel");
        if (levelNode != null && !levelNode.isNull()) {
            if (!levelNode.isBoolean()) {
                errors.add(new FieldError("administratorLevel", "must be true or false"));
            } else {
                administratorLevel = levelNode.booleanValue();
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return new NewSecret(secret.stringValue(), kind, administratorLevel);
    }

    private static void checkPaging(int page, int size) {
        Paging.of(page, size);
    }
}
