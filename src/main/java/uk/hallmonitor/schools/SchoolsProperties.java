package uk.hallmonitor.schools;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules for who counts as trained and signed up.
 *
 * @param trainingValidity     how long training counts when no expiry date is given
 * @param acknowledgementValidity how long a signed staff e-safety agreement counts
 * @param policyVersion        the policy version staff must have acknowledged when a school sets none
 */
@ConfigurationProperties("hallmonitor.schools")
public record SchoolsProperties(
        /** How long training counts when no expiry date is given. */ Period trainingValidity,
        /** How long a signed staff e-safety agreement counts. */ Period acknowledgementValidity,
        /** The policy version to acknowledge when a school sets none; blank accepts any version. */ String policyVersion) {

    public SchoolsProperties {
        trainingValidity = trainingValidity == null ? Period.ofMonths(12) : trainingValidity;
        acknowledgementValidity = acknowledgementValidity == null ? Period.ofMonths(12) : acknowledgementValidity;
        policyVersion = policyVersion == null ? "" : policyVersion;
    }
}
