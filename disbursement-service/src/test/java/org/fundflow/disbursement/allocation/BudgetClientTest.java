package org.fundflow.disbursement.allocation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** budget-service not listening at all: the read-through reports it as unavailable (→ 503), at once. */
class BudgetClientTest {

    @Test
    void aRefusedConnectionIsUnavailableNotUnknown() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free, and nobody listens once closed
        }
        BudgetClient client = new BudgetClient(URI.create("http://localhost:" + port), JsonMapper.builder().build());
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.fetch(UUID.randomUUID(), "Bearer token"))
                .isInstanceOf(BudgetClient.Unavailable.class)
                .hasMessageContaining("did not answer");
        org.assertj.core.api.Assertions.assertThat((System.nanoTime() - started) / 1_000_000)
                .isLessThan(BudgetClient.CONNECT_TIMEOUT.toMillis() + 1_000);
    }
}
