package org.fundflow.dashboard.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans changes out to the connected browsers. Every browser sees the same stream, so changes are merged once,
 * globally, and one message per {@code coalesce} window goes to everybody: a burst of 100,000 imported payments costs
 * each browser at most 5 messages a second, and the work per change does not grow with the number of browsers.
 * A single thread sends, so an emitter is never written by two threads at once.
 */
@Component
class LiveFeed implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    static final String CHANGE = "change";
    static final String HELLO = "hello";

    private final LiveProperties props;
    private final Set<SseEmitter> clients = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Nudge> pending = new AtomicReference<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-live");
        t.setDaemon(true);
        return t;
    });
    private final Counter changes;
    private final Counter messages;

    LiveFeed(LiveProperties props, MeterRegistry meters) {
        this.props = props;
        this.changes = Counter.builder("fundflow.dashboard.live.changes")
                .description("payment and allocation events seen").register(meters);
        this.messages = Counter.builder("fundflow.dashboard.live.messages")
                .description("change messages sent, each to every connected browser").register(meters);
        Gauge.builder("fundflow.dashboard.live.clients", clients, Set::size)
                .description("browsers connected to the live feed").register(meters);
        long coalesce = props.coalesce().toMillis();
        sender.scheduleWithFixedDelay(this::flush, coalesce, coalesce, TimeUnit.MILLISECONDS);
        long heartbeat = props.heartbeat().toMillis();
        sender.scheduleAtFixedRate(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /** Called by the Kafka listener thread: merges into what is waiting for the next window. */
    void publish(Nudge nudge) {
        changes.increment();
        pending.accumulateAndGet(nudge, (waiting, added) -> waiting == null ? added : waiting.merge(added));
    }

    /** A new browser: it gets a {@code hello} at once, so it knows the stream is open before anything changes. */
    SseEmitter connect() {
        if (clients.size() >= props.maxClients()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "too many live connections");
        }
        SseEmitter emitter = new SseEmitter(props.emitterTimeout().toMillis());
        emitter.onCompletion(() -> clients.remove(emitter));
        emitter.onTimeout(() -> {
            clients.remove(emitter);
            emitter.complete();
        });
        emitter.onError(e -> clients.remove(emitter));
        try {
            emitter.send(SseEmitter.event().name(HELLO).reconnectTime(2_000)
                    .data(Map.of("coalesceMillis", props.coalesce().toMillis(),
                            "heartbeatSeconds", props.heartbeat().toSeconds()), MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            emitter.completeWithError(e);
            return emitter;
        }
        clients.add(emitter);
        return emitter;
    }

    int clients() {
        return clients.size();
    }

    private void flush() {
        Nudge nudge = pending.getAndSet(null);
        if (nudge != null) {
            messages.increment();
            broadcast(SseEmitter.event().name(CHANGE).data(nudge, MediaType.APPLICATION_JSON));
        }
    }

    private void heartbeat() {
        broadcast(SseEmitter.event().comment("heartbeat"));
    }

    private void broadcast(SseEmitter.SseEventBuilder event) {
        var lines = event.build();
        for (SseEmitter emitter : clients) {
            try {
                emitter.send(lines);
            } catch (IOException | IllegalStateException e) {
                // gone (closed tab, network): forget it; the container completes the request
                clients.remove(emitter);
                log.debug("live client dropped: {}", e.toString());
            } catch (RuntimeException e) {
                clients.remove(emitter);
                log.warn("live client failed", e);
            }
        }
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
        clients.forEach(SseEmitter::complete);
        clients.clear();
    }
}
