package io.zuoxi.ami;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A scriptable fake AMI server (not a simulator): banner, MD5 challenge login, answers to the
 * actions asterisk-java and the adapter send, then replays the event frames of a real fixture
 * (responses in the fixture are skipped: their ActionIDs belong to the capture client). It can
 * fail at a chosen stage.
 */
public final class FakeAmiServer {

    enum Chunking { WHOLE, BYTE, RANDOM }

    enum Failure { NONE, REFUSE_LOGIN, LOGIN_IN_USE, GARBAGE_BEFORE_REPLAY, CLOSE_MID_FRAME }

    static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
    static final String SENTINEL = "Event: Hangup\r\nPrivilege: call,all\r\nChannel: PJSIP/9999-000000ff\r\n"
            + "Uniqueid: sentinel\r\nLinkedid: sentinel\r\nCause: 16\r\nCause-txt: Normal Clearing\r\n\r\n";
    private static final String CHALLENGE = "840415273";

    final String secret;
    public volatile byte[] replay = new byte[0];
    volatile Chunking chunking = Chunking.WHOLE;
    volatile Failure failure = Failure.NONE;
    /** Actions (by name, lower case) the server never answers, to provoke timeouts. */
    volatile Predicate<String> silent = a -> false;
    /** CoreShowChannel item frames (without ActionID) for the next CoreShowChannels. */
    volatile List<String> channels = List.of();
    volatile Map<String, String> vars = Map.of();
    /** Channels a Bridge finds gone: answered "Channel1 does not exist" as manager.c does. */
    volatile java.util.Set<String> unbridgeable = java.util.Set.of();
    /** Channels a Hangup finds gone: answered "No such channel" as manager.c does. */
    volatile java.util.Set<String> goneChannels = java.util.Set.of();

    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
    volatile int logins;
    volatile int failedLogins;

    private final Vertx vertx;
    private NetServer server;
    private final Random random = new Random(42);

    public FakeAmiServer(Vertx vertx, String secret) {
        this.vertx = vertx;
        this.secret = secret;
    }

    public int start() throws Exception {
        server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
        server.connectHandler(this::onConnect);
        return server.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).actualPort();
    }

    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** Drops every client connection (as an Asterisk restart would). */
    void dropClients() {
        sockets.forEach(NetSocket::close);
        sockets.clear();
    }

    public static byte[] fixture(String name) {
        try (InputStream in = FakeAmiServer.class.getResourceAsStream("/fixtures/asterisk-22/" + name + ".ami")) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name, e);
        }
    }

    /** Event frames of a fixture: banner and Response frames dropped, bytes otherwise untouched. */
    public static byte[] eventFrames(byte[] fixture) {
        String all = new String(fixture, StandardCharsets.UTF_8);
        all = all.substring(all.indexOf("\r\n") + 2);
        StringBuilder out = new StringBuilder();
        for (String frame : all.split("\r\n\r\n")) {
            if (frame.startsWith("Event: OriginateResponse")) {
                // Asterisk echoes the client's ActionID; asterisk-java always sends "<internal>#<user id>"
                // and strips an ActionID without '#' to null (ManagerUtil.stripInternalActionId). The capture
                // client used plain ids, so add the internal part asterisk-java would have sent.
                out.append(frame.replace("\r\nActionID: ", "\r\nActionID: 12345_1#")).append("\r\n\r\n");
            } else if (frame.startsWith("Event:")) {
                out.append(frame).append("\r\n\r\n");
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    List<Map<String, String>> actions(String name) {
        return received.stream().filter(a -> name.equalsIgnoreCase(a.get("Action"))).toList();
    }

    private void onConnect(NetSocket socket) {
        sockets.add(socket);
        socket.write(BANNER);
        RecordParser parser = RecordParser.newDelimited("\r\n\r\n", frame -> onAction(socket, frame.toString(StandardCharsets.UTF_8)));
        socket.handler(parser);
    }

    private void onAction(NetSocket socket, String text) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER); // asterisk-java writes lower-case names
        for (String line : text.split("\r\n")) {
            int i = line.indexOf(':');
            if (i > 0) {
                h.merge(line.substring(0, i).trim(), line.substring(i + 1).trim(), (a, b) -> a + "\n" + b);
            }
        }
        received.add(h);
        String action = String.valueOf(h.get("Action")).toLowerCase();
        String id = h.get("ActionID");
        if (silent.test(action)) {
            return;
        }
        switch (action) {
            case "challenge" -> socket.write(resp("Success", id, "Challenge: " + CHALLENGE + "\r\n"));
            case "login" -> {
                if (failure == Failure.LOGIN_IN_USE) {
                    failedLogins++;
                    // manager.c with allowmultiplelogin = no and the user already logged in
                    socket.write(resp("Error", id, "Message: Login Already In Use\r\n")).onComplete(x -> socket.close());
                } else if (failure == Failure.REFUSE_LOGIN || !md5(CHALLENGE + secret).equals(h.get("Key"))) {
                    failedLogins++;
                    // Asterisk answers ~1 s later and closes (fixture 09a); the delay is not needed here
                    socket.write(resp("Error", id, "Message: Authentication failed\r\n")).onComplete(x -> socket.close());
                } else {
                    logins++;
                    socket.write(resp("Success", id, "Message: Authentication accepted\r\n"));
                }
            }
            case "coresettings" -> socket.write(resp("Success", id,
                    "AMIversion: 11.0.0\r\nAsteriskVersion: 22.10.1\r\nSystemName: \r\n"));
            case "command" -> socket.write(resp("Success", id,
                    "Message: Command output follows\r\nOutput: Asterisk 22.10.1 built by fake\r\n"));
            case "coreshowchannels" -> {
                StringBuilder sb = new StringBuilder(resp("Success", id,
                        "EventList: start\r\nMessage: Channels will follow\r\n"));
                for (String ch : channels) {
                    sb.append("Event: CoreShowChannel\r\nActionID: ").append(id).append("\r\n").append(ch).append("\r\n\r\n");
                }
                sb.append("Event: CoreShowChannelsComplete\r\nActionID: ").append(id)
                        .append("\r\nEventList: Complete\r\nListItems: ").append(channels.size()).append("\r\n\r\n");
                socket.write(sb.toString()).onComplete(x -> replay(socket));
            }
            case "getvar" -> socket.write(resp("Success", id, "Variable: " + h.get("Variable") + "\r\nValue: "
                    + vars.getOrDefault(h.get("Variable"), "") + "\r\n"));
            case "logoff" -> socket.write(resp("Goodbye", id, "Message: Thanks for all the fish.\r\n"))
                    .onComplete(x -> socket.close());
            case "originate" -> socket.write(resp("Success", id, "Message: Originate successfully queued\r\n"));
            case "bridge" -> socket.write(unbridgeable.contains(h.get("Channel2"))
                    ? resp("Error", id, "Message: Channel2 does not exist: " + h.get("Channel2") + "\r\n")
                    : resp("Success", id, "Message: Channels have been bridged\r\n"));
            case "hangup" -> socket.write(goneChannels.contains(h.get("Channel"))
                    ? resp("Error", id, "Message: No such channel\r\n") : resp("Success", id, "Message: Channel Hungup\r\n"));
            default -> socket.write(resp("Success", id, "Message: OK\r\n"));
        }
    }

    private void replay(NetSocket socket) {
        List<byte[]> chunks = new ArrayList<>();
        if (failure == Failure.GARBAGE_BEFORE_REPLAY) {
            chunks.add("garbage without colon\r\n\u0000\u0001\u00ff junk: \r\n:::\r\n\r\nNot an event\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] data = replay;
        int i = 0;
        while (i < data.length) {
            int n = switch (chunking) {
                case WHOLE -> data.length;
                case BYTE -> 1;
                case RANDOM -> 1 + random.nextInt(700);
            };
            n = Math.min(n, data.length - i);
            byte[] c = new byte[n];
            System.arraycopy(data, i, c, 0, n);
            chunks.add(c);
            i += n;
        }
        // a sentinel after the fixture (not part of it) so tests know the replay has been consumed
        chunks.add(SENTINEL.getBytes(StandardCharsets.UTF_8));
        if (failure == Failure.CLOSE_MID_FRAME) {
            chunks.add("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/1001-0000".getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] c : chunks) {
            socket.write(Buffer.buffer(c));
        }
        if (failure == Failure.CLOSE_MID_FRAME) {
            socket.end();
        }
    }

    private static String resp(String response, String id, String rest) {
        return "Response: " + response + "\r\n" + (id == null ? "" : "ActionID: " + id + "\r\n") + rest + "\r\n";
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
