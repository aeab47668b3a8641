package io.zuoxi.sim.asterisk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A raw-socket AMI client for tests: keeps every byte received and splits it into frames. */
final class AmiTestClient implements AutoCloseable {

    /** One received frame: header lines in wire order (duplicates kept). */
    record Frame(List<String[]> headers) {
        String get(String name) {
            for (String[] h : headers) {
                if (h[0].equals(name)) {
                    return h[1];
                }
            }
            return null;
        }

        boolean isEvent(String name) {
            return name.equals(get("Event"));
        }

        List<String> names() {
            List<String> out = new ArrayList<>();
            for (String[] h : headers) {
                out.add(h[0]);
            }
            return out;
        }
    }

    private final Socket socket;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean eof;
    private volatile String banner;

    AmiTestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        Thread t = new Thread(this::readLoop, "ami-test-client");
        t.setDaemon(true);
        t.start();
    }

    private void readLoop() {
        StringBuilder line = new StringBuilder();
        List<String[]> current = new ArrayList<>();
        try (InputStream in = socket.getInputStream()) {
            byte[] buf = new byte[8192];
            ByteArrayOutputStream lineBytes = new ByteArrayOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (raw) {
                    raw.write(buf, 0, n);
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        String l = lineBytes.toString(StandardCharsets.UTF_8);
                        lineBytes.reset();
                        if (l.endsWith("\r")) {
                            l = l.substring(0, l.length() - 1);
                        }
                        if (banner == null) {
                            banner = l;
                        } else if (l.isEmpty()) {
                            if (!current.isEmpty()) {
                                frames.add(new Frame(current));
                                current = new ArrayList<>();
                            }
                        } else {
                            int c = l.indexOf(": ");
                            current.add(c < 0 ? new String[] {l, ""} : new String[] {l.substring(0, c), l.substring(c + 2)});
                        }
                    } else {
                        lineBytes.write(b);
                    }
                }
            }
        } catch (IOException e) {
            // socket closed
        } finally {
            eof = true;
        }
        line.setLength(0);
    }

    String banner() {
        return banner;
    }

    String raw() {
        synchronized (raw) {
            return raw.toString(StandardCharsets.UTF_8);
        }
    }

    List<Frame> frames() {
        return List.copyOf(frames);
    }

    boolean eof() {
        return eof;
    }

    void sendRaw(String s) throws IOException {
        socket.getOutputStream().write(s.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Sends an action with a fresh ActionID (added after Action) and returns that id. */
    String send(String action, String... headers) throws IOException {
        String id = "t-" + ids.incrementAndGet();
        StringBuilder sb = new StringBuilder("Action: ").append(action).append("\r\nActionID: ").append(id).append("\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sendRaw(sb.append("\r\n").toString());
        return id;
    }

    Frame response(String actionId) {
        return await(f -> actionId.equals(f.get("ActionID")) && f.get("Response") != null, "response to " + actionId);
    }

    Frame await(Predicate<Frame> p, String what) {
        return await(p, what, Duration.ofSeconds(10));
    }

    Frame await(Predicate<Frame> p, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Frame f : frames) {
                if (p.test(f)) {
                    return f;
                }
            }
            pause();
        }
        throw new AssertionError("timed out waiting for " + what + "; got " + summary());
    }

    Frame awaitEvent(String name, String header, String value) {
        return await(f -> f.isEvent(name) && value.equals(f.get(header)), name + " with " + header + "=" + value);
    }

    void awaitEof() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!eof && System.nanoTime() < deadline) {
            pause();
        }
        if (!eof) {
            throw new AssertionError("socket still open");
        }
    }

    Frame login(String user, String secret, String events) throws IOException {
        String id = send("Login", "Username: " + user, "Secret: " + secret, "Events: " + events);
        return response(id);
    }

    /** Events in arrival order, for sequence assertions. */
    List<Frame> events() {
        return frames().stream().filter(f -> f.get("Event") != null).toList();
    }

    String summary() {
        StringBuilder sb = new StringBuilder();
        for (Frame f : frames) {
            sb.append(f.get("Event") != null ? f.get("Event") : "Response:" + f.get("Response") + "/" + f.get("Message"))
                    .append(' ');
        }
        return sb.toString();
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
