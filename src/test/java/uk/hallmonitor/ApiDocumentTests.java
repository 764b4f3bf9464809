package uk.hallmonitor;

import org.junit.jupiter.api.Test;

/** The OpenAPI document is public and lists the API.md paths. */
class ApiDocumentTests extends AppTestSupport {

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("Hallmonitor API")
                .jsonPath("$.paths['/api/v1/applications/{id}/approve'].post").exists()
                .jsonPath("$.paths['/api/v1/accounts/{id}/activate'].post").exists()
                .jsonPath("$.paths['/api/v1/staff/{id}/leave'].post").exists()
                .jsonPath("$.components.schemas.Activation.properties.connection.description")
                .value(description -> org.assertj.core.api.Assertions.assertThat((String) description)
                        .contains("messenger").contains("pages_messaging").contains("commentDays"));
    }
}
