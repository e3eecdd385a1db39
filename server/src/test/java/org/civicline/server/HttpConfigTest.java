package org.civicline.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpConfigTest {

    @Test
    void trustedProxiesAreAddressesNotNames() {
        assertThat(new HttpConfig("0.0.0.0", 8080, 0, null, 0, List.of("10.0.0.10", "::1")).problems()).isEmpty();
        assertThat(new HttpConfig("0.0.0.0", 8080, 0, null, 0, List.of("10.0.0.10", "nginx.internal")).problems())
                .containsExactly("trustedProxies[1]: expected the IP address the nodes see the proxy come from "
                        + "(e.g. 10.0.0.10), got 'nginx.internal'");
        assertThat(new HttpConfig("0.0.0.0", 8080, 0, null).trustedProxies()).as("none by default").isEmpty();
    }
}
