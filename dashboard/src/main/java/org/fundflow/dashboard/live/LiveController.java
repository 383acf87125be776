package org.fundflow.dashboard.live;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/live/execution}: Server-Sent Events. {@code hello} on connect, then {@code change} messages
 * {@code {type, programCode, fiscalYear, allocationId, count}} at most every 200 ms, and a comment every 15 s.
 */
@RestController
class LiveController {
    private final LiveFeed feed;

    LiveController(LiveFeed feed) {
        this.feed = feed;
    }

    @GetMapping(path = "/api/live/execution", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter execution() {
        return feed.connect();
    }
}
