package org.civicline.agentui.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void aHashMatchesItsPasswordOnlyAndIsSaltedAndSlow() {
        String hash = PasswordHasher.hash("civicline-demo".toCharArray());
        assertThat(hash).startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$");
        assertThat(PasswordHasher.matches("civicline-demo".toCharArray(), hash)).isTrue();
        assertThat(PasswordHasher.matches("civicline-dem0".toCharArray(), hash)).isFalse();
        assertThat(PasswordHasher.hash("civicline-demo".toCharArray())).as("a new salt each time").isNotEqualTo(hash);
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        for (String bad : new String[] {null, "", "plain", "md5$1$a$b", "pbkdf2-sha256$x$a$b", "pbkdf2-sha256$1$!!$b"}) {
            assertThat(PasswordHasher.matches("anything".toCharArray(), bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
