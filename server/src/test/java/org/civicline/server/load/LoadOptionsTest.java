package org.civicline.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void mistakesAreNamedByTheirOption() {
        assertThatThrownBy(() -> LoadOptions.parse("--mix", "app=1", "--rate", "fast"))
                .hasMessage("--rate: expected a number, got 'fast'");
        assertThatThrownBy(() -> LoadOptions.parse("--mix", "fax=1", "--ami", "h:1"))
                .hasMessageContaining("'fax' is not a channel");
        assertThatThrownBy(() -> LoadOptions.parse("--mix", "call=1")).hasMessageContaining("--ami HOST:PORT");
        assertThatThrownBy(() -> LoadOptions.parse("--mix", "wechat=1")).hasMessageContaining("--wechat-aes-key");
        assertThatThrownBy(() -> LoadOptions.parse("--bogus", "1")).hasMessage("unknown option '--bogus'");
        assertThatThrownBy(() -> LoadOptions.parse("--accept-delay-ms", "300-20", "--mix", "app=1"))
                .hasMessageContaining("0 <= MIN <= MAX");
    }

    @Test
    void defaultsDriveOneLocalNode() {
        LoadOptions options = LoadOptions.parse("--mix", "app=1,mailbox=1", "--seed", "5");
        assertThat(options.urls()).containsExactly("http://127.0.0.1:8080");
        assertThat(options.rate()).isEqualTo(200);
        assertThat(options.mix().channels()).containsExactly(LoadChannel.APP, LoadChannel.MAILBOX);
        assertThat(options.redisUri()).isNull();
        assertThat(options.seed()).isEqualTo(5);
        assertThat(options.bareWarmupSeconds()).isEqualTo(10);
    }

    @Test
    void eachContactOfASecondGetsAConnectionUnlessToldOtherwise() {
        assertThat(LoadOptions.parse("--mix", "app=1", "--rate", "1000").connections()).isEqualTo(1000);
        assertThat(LoadOptions.parse("--mix", "app=1", "--rate", "10").connections()).isEqualTo(64);
        assertThat(LoadOptions.parse("--mix", "app=1", "--rate", "50000").connections()).isEqualTo(4096);
        assertThat(LoadOptions.parse("--mix", "app=1", "--rate", "1000", "--connections", "16").connections())
                .isEqualTo(16);
        assertThatThrownBy(() -> LoadOptions.parse("--mix", "app=1", "--bare-warmup-seconds", "-1"))
                .hasMessage("--bare-warmup-seconds: expected 0..600, got -1");
    }
}
