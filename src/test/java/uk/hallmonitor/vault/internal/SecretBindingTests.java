package uk.hallmonitor.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretBindingTests {

    private final VaultKeyset keyset = keyset();
    private final SecretOwner owner = new SecretOwner("school-1", "account-1", "password");

    @Test
    void aSecretDecryptsForTheRecordItWasStoredOn() throws Exception {
        byte[] sealed = keyset.seal(owner, "Tr0ub4dor&3");

        assertThat(keyset.open(owner, sealed)).isEqualTo("Tr0ub4dor&3");
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Tr0ub4dor");
    }

    @ParameterizedTest(name = "copied onto school={0} account={1} name={2}")
    @CsvSource(textBlock = """
            school-2, account-1, password
            school-1, account-2, password
            school-1, account-1, bearerToken
            school-1a, ccount-1, password
            '',       account-1, password
            """)
    void aCiphertextCopiedOntoAnotherRecordDoesNotDecrypt(String school, String account, String name)
            throws Exception {
        byte[] sealed = keyset.seal(owner, "Tr0ub4dor&3");

        assertThatThrownBy(() -> keyset.open(new SecretOwner(school, account, name), sealed))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @ParameterizedTest(name = "byte {0} flipped")
    @CsvSource(textBlock = """
            0
            5
            12
            20
            -1
            """)
    void anAlteredCiphertextDoesNotDecrypt(int position) throws Exception {
        byte[] sealed = keyset.seal(owner, "Tr0ub4dor&3");
        int at = position < 0 ? sealed.length - 1 : position;
        sealed[at] ^= 0x01;

        assertThatThrownBy(() -> keyset.open(owner, sealed)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aSecretSealedUnderAnOldKeyStillOpensAfterANewPrimaryIsAdded() throws Exception {
        byte[] sealed = keyset.seal(owner, "old key secret");
        KeysetHandle rotated = Keysets.withNewPrimary(keyset.handle());
        VaultKeyset next = new VaultKeyset(rotated, Keysets.aead(rotated), 2, null);

        assertThat(next.primaryKeyId()).isNotEqualTo(keyset.primaryKeyId());
        assertThat(next.open(owner, sealed)).isEqualTo("old key secret");
        VaultKeyset retired = new VaultKeyset(Keysets.without(rotated, java.util.Set.of(keyset.primaryKeyId())),
                null, 3, null);
        assertThat(retired.keyIds()).containsExactly(next.primaryKeyId());
    }

    private static VaultKeyset keyset() {
        try {
            KeysetHandle handle = Keysets.generate();
            return new VaultKeyset(handle, Keysets.aead(handle), 1, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
