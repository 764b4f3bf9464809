package uk.hallmonitor.system.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title, description and security schemes; the paths come from the controllers. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI hallmonitorOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Hallmonitor API").version("v1").description("""
                        Governs a school's official social media accounts and watches what the public says about the
                        school. Base path /api/v1; errors are RFC 9457 problem details with `errors: [{field, message}]`
                        for validation failures; lists are paged `{items, page, size, total}`; ids of another school
                        answer 404. Names follow shared/API.md. Additions to API.md: PUT /applications/{id} (amend a
                        draft or rejected application), GET /staff, GET /staff/me, POST and DELETE /staff/me/tokens
                        (personal API tokens), GET /schools/{id}, GET /accounts/{id}, POST /accounts/{id}/suspend and
                        /resume, GET /audit and GET /audit/verify, and the public Meta webhook endpoints GET and POST
                        /webhooks/facebook/{accountId} and /webhooks/instagram/{accountId} (verify-token handshake;
                        deliveries signed with X-Hub-Signature-256)."""))
                .components(new Components()
                        .addSecuritySchemes("basic",
                                new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("bearer",
                                new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                        .description("a personal API token from POST /api/v1/staff/me/tokens")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
