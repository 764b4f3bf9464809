package uk.hallmonitor.system.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request field whose text is taken exactly as sent (a password): not trimmed, not normalised to NFC. It is
 * still refused when it holds control characters or unpaired surrogates, which no real password contains.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Verbatim {
}
