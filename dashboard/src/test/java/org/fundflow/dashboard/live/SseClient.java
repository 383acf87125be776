package org.fundflow.dashboard.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal Server-Sent Events reader on a plain socket (HTTP/1.0, so the stream is not chunked), so that closing
 * it really closes the connection, as a browser tab does. Each event (name, data) lands in a queue.
 */
final class SseClient implements AutoCloseable {
    record Event(String name, String data) {
    }

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    private final Socket socket;
    private final BufferedReader in;

    SseClient(URI uri) throws IOException {
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.getOutputStream().write(("GET " + uri.getRawPath() + " HTTP/1.0\r\nHost: " + uri.getHost()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String statusLine = in.readLine();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (name != null || !data.isEmpty()) {
                        events.add(new Event(name == null ? "message" : name, data.toString()));
                    }
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).strip());
                }
                // comments (":heartbeat") and retry lines are not events
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
