package uk.hallmonitor.system.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Request bodies are read strictly: a duplicate key, a number or boolean where text is expected ({@code "name": true},
 * {@code "name": 1e999}), or an enum given by number ({@code "roles": [1]}) is a 400 naming the field, never a
 * guess. Text is checked and made canonical by {@link Text} (control characters and unpaired surrogates refused,
 * NFC, invisible characters trimmed), except fields marked {@link Verbatim}.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .addModule(new SimpleModule("hallmonitor-text").addDeserializer(String.class, new CheckedText(false)));
    }

    /** Text from a JSON string only, checked and made canonical. */
    static final class CheckedText extends StdScalarDeserializer<String> {

        private final boolean verbatim;

        CheckedText(boolean verbatim) {
            super(String.class);
            this.verbatim = verbatim;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            boolean exact = property != null && property.getAnnotation(Verbatim.class) != null;
            return exact == verbatim ? this : new CheckedText(exact);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw MismatchedInputException.from(p, String.class, "expected text in quotes, got "
                        + describe(p.currentToken()) + "; send the value as a JSON string");
            }
            String text = p.getString();
            String problem = Text.problem(text);
            if (problem != null) {
                throw MismatchedInputException.from(p, String.class, problem);
            }
            return verbatim ? text : Text.canonical(text);
        }

        private static String describe(JsonToken token) {
            if (token == null) {
                return "nothing";
            }
            return switch (token) {
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case START_OBJECT -> "an object (query operators such as $ne are not accepted)";
                case START_ARRAY -> "a list";
                default -> token.name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }
}
