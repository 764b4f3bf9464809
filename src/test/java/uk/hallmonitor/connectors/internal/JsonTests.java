package uk.hallmonitor.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uk.hallmonitor.connectors.ConnectorException;

/** Reading a platform item's fields: what must be there is a skipped item naming the field, not a failed poll. */
class JsonTests {

    private static JsonNode item(String json) {
        return Json.parse(json.getBytes(StandardCharsets.UTF_8), "the platform");
    }

    @Test
    void aRequiredFieldThatIsThereIsReadAndEmptyTextCounts() {
        JsonNode item = item("{\"text\":\"\",\"at\":\"2026-12-08T01:00:00Z\",\"author\":{\"id\":\"7\"}}");

        assertThat(Json.requiredText(item, "text")).isEmpty();
        assertThat(Json.requiredInstant(item, "at")).isEqualTo(Instant.parse("2026-12-08T01:00:00Z"));
        assertThat(Json.text(Json.requiredObject(item, "author"), "id")).isEqualTo("7");
    }

    @Test
    void aMissingOrMisshapenRequiredFieldIsABadItemNamingIt() {
        JsonNode item = item("{\"author\":\"not an object\"}");

        assertThatThrownBy(() -> Json.requiredText(item, "text")).isInstanceOf(Json.BadItem.class)
                .hasMessage("no text");
        assertThatThrownBy(() -> Json.requiredInstant(item, "created_at")).hasMessage("no created_at");
        assertThatThrownBy(() -> Json.requiredObject(item, "author")).hasMessage("no author");
        assertThatThrownBy(() -> Json.present(null, "timestamp")).hasMessage("no timestamp");
    }

    @Test
    void aBodyOfTheWrongShapeIsMalformedAndSaysWhichShapeWasWanted() {
        assertThatThrownBy(() -> Json.parse("[]".getBytes(StandardCharsets.UTF_8), "X"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("X sent JSON that is not an object");
        assertThatThrownBy(() -> Json.parseList("{}".getBytes(StandardCharsets.UTF_8), "X"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("X sent JSON that is not a list");
        assertThatThrownBy(() -> Json.parseList("{".getBytes(StandardCharsets.UTF_8), "X"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("X sent a body that is not JSON");
    }
}
