package uk.hallmonitor.system.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

/** A query parameter that names one of a fixed set of choices. */
class ChoiceParameterTests {

    private enum Colour { RED, GREEN }

    @Test
    void aChoiceParameterNamesAConstantOrNothingAndAnythingElseListsTheChoices() {
        assertThat(Problems.choice("colour", "GREEN", Colour.class)).isEqualTo(Colour.GREEN);
        assertThat(Problems.choice("colour", " ", Colour.class)).isNull();
        assertThat(Problems.choice("colour", null, Colour.class)).isNull();
        assertThatThrownBy(() -> Problems.choice("colour", "green", Colour.class))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getBody().getDetail())
                        .isEqualTo("colour: one of RED, GREEN"));
    }
}
