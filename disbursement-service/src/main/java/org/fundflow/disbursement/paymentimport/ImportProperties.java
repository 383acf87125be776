package org.fundflow.disbursement.paymentimport;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of bulk payment imports ({@code fundflow.payment-import.*}).
 *
 * @param dir           where uploaded files wait for and during processing; keep it on a volume that survives a
 *                      restart, so an interrupted job can resume
 * @param node          this instance's name: a restarted instance resumes the jobs it had taken (default: host name)
 * @param batchSize     rows per transaction
 * @param queueCapacity jobs that may wait behind the one running; more uploads get 503
 * @param staleAfter    a job whose instance has not touched it for this long is failed by any instance
 */
@ConfigurationProperties("fundflow.payment-import")
record ImportProperties(
        @DefaultValue("${java.io.tmpdir}/fundflow-payment-imports") Path dir,
        String node,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("16") int queueCapacity,
        @DefaultValue("10m") Duration staleAfter) {

    String nodeName() {
        if (node != null && !node.isBlank()) {
            return node.strip();
        }
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
