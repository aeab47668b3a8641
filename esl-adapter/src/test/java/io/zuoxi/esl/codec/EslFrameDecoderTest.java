package io.zuoxi.esl.codec;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EslFrameDecoderTest {

    private static final int MAX_HEADER = 64 * 1024;
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final Pattern XML_NAME = Pattern.compile("<Event-Name>([^<]*)</Event-Name>");
    private static final Pattern XML_SUBCLASS = Pattern.compile("<Event-Subclass>([^<]*)</Event-Subclass>");

    static List<String> transcripts() {
        return FixtureTranscripts.ALL;
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void wholeByteByByteAndRandomChunksGiveTheSameFramesAsTheRecording(String name) {
        byte[] raw = FixtureTranscripts.recv(name);
        JsonObject summary = FixtureTranscripts.summary(name);

        List<EslFrame> whole = decodeInChunks(raw, raw.length, null);
        assertThat(whole).hasSize(summary.getInteger("frames"));

        List<EslFrame> single = decodeInChunks(raw, 1, null);
        List<EslFrame> random = decodeInChunks(raw, 0, new Random(name.hashCode()));
        assertSameFrames(single, whole);
        assertSameFrames(random, whole);

        Map<String, Integer> expected = new TreeMap<>();
        summary.getJsonObject("counts").forEach(e -> expected.put(e.getKey(), ((Number) e.getValue()).intValue()));
        assertThat(eventCounts(whole)).isEqualTo(expected);
    }

    @Test
    void contentLengthCountsBytesNotCharacters() {
        String body = "Event-Name: CUSTOM\nEvent-Subclass: zuoxi::call_waiting\nzuoxi_data: name%3D%E5%BC%A0%E4%BC%9F\n"
                + "Content-Length: 6\n\n张伟";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String frame = "Content-Length: " + bodyBytes.length + "\nContent-Type: text/event-plain\n\n";
        byte[] all = concat(frame.getBytes(StandardCharsets.UTF_8), bodyBytes,
                "Content-Type: command/reply\nReply-Text: +OK\n\n".getBytes(StandardCharsets.UTF_8));

        List<EslFrame> frames = decodeInChunks(all, 1, null);

        assertThat(frames).hasSize(2);
        EslEvent event = EslEvent.parse(frames.get(0));
        assertThat(event.subclass()).isEqualTo("zuoxi::call_waiting");
        assertThat(event.header("zuoxi_data")).isEqualTo("name=张伟");
        assertThat(event.body()).isEqualTo("张伟");
        assertThat(frames.get(1).replyText()).isEqualTo("+OK");
    }

    @Test
    void backgroundJobResultIsTheInnerBodyOfAPlainEvent() {
        byte[] raw = FixtureTranscripts.recv("d_outbound_dialer_results");
        List<String> results = new ArrayList<>();
        for (EslFrame f : decodeInChunks(raw, raw.length, null)) {
            if (f.contentType().equals(EslFrame.EVENT_PLAIN)) {
                EslEvent e = EslEvent.parse(f);
                if (e.name().equals("BACKGROUND_JOB")) {
                    results.add(e.body().trim());
                }
            }
        }
        assertThat(results).hasSize(17).contains("-ERR USER_BUSY", "-ERR NO_ANSWER", "-ERR CALL_REJECTED",
                "-ERR UNALLOCATED_NUMBER", "-ERR CHAN_NOT_IMPLEMENTED");
        assertThat(results).filteredOn(r -> r.startsWith("+OK ")).hasSize(5);
    }

    @Test
    void garbageHeaderLineFailsAndTheDecoderStaysFailed() {
        List<EslFrame> frames = new ArrayList<>();
        EslFrameDecoder decoder = new EslFrameDecoder(1024, 1024, frames::add);
        decoder.feed("Content-Type: command/reply\nReply-Text: +OK\n\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> decoder.feed(new byte[] {0, (byte) 0xff, 'x', '\n', '\n'}))
                .isInstanceOf(EslDecodeException.class).hasMessageContaining("malformed header line");
        assertThat(frames).hasSize(1);
        assertThatThrownBy(() -> decoder.feed("Content-Type: x\n\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EslDecodeException.class).hasMessageContaining("already failed");
        assertThat(frames).hasSize(1);
    }

    @Test
    void oversizedHeaderBlockFailsBeforeItIsComplete() {
        EslFrameDecoder decoder = new EslFrameDecoder(100, 1024, f -> { });
        byte[] chunk = "X-Long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n".getBytes(StandardCharsets.UTF_8);
        decoder.feed(chunk);
        assertThatThrownBy(() -> decoder.feed(chunk)).isInstanceOf(EslDecodeException.class)
                .hasMessageContaining("header block exceeds 100");
    }

    @Test
    void oversizedOrBadContentLengthFails() {
        assertThatThrownBy(() -> new EslFrameDecoder(1024, 10, f -> { })
                .feed("Content-Length: 11\nContent-Type: api/response\n\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EslDecodeException.class).hasMessageContaining("exceeds 10");
        assertThatThrownBy(() -> new EslFrameDecoder(1024, 10, f -> { })
                .feed("Content-Length: -1\n\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EslDecodeException.class).hasMessageContaining("bad Content-Length");
        assertThatThrownBy(() -> new EslFrameDecoder(1024, 10, f -> { })
                .feed("Content-Length: 99999999999\n\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EslDecodeException.class).hasMessageContaining("bad Content-Length");
    }

    @Test
    void frameCutMidBodyIsHeldUntilTheRestArrives() {
        List<EslFrame> frames = new ArrayList<>();
        EslFrameDecoder decoder = new EslFrameDecoder(1024, 1024, frames::add);
        decoder.feed("Content-Type: api/response\nContent-Length: 10\n\n+OK ".getBytes(StandardCharsets.UTF_8));
        assertThat(frames).isEmpty();
        assertThat(decoder.bufferedBytes()).isEqualTo(4);
        decoder.feed("123456".getBytes(StandardCharsets.UTF_8));
        assertThat(frames).singleElement().extracting(EslFrame::bodyText).isEqualTo("+OK 123456");
    }

    @Test
    void crlfLineEndsAndLeadingBlankLinesAreAccepted() {
        List<EslFrame> frames = decodeInChunks(
                "\n\r\nContent-Type: command/reply\r\nReply-Text: +OK accepted\r\n\r\n".getBytes(StandardCharsets.UTF_8),
                3, null);
        assertThat(frames).singleElement().extracting(EslFrame::replyText).isEqualTo("+OK accepted");
    }

    @Test
    void malformedEventBodiesAreRejected() {
        EslFrame badJson = new EslFrame(Map.of("Content-Type", EslFrame.EVENT_JSON), "{not json".getBytes());
        assertThatThrownBy(() -> EslEvent.parse(badJson)).isInstanceOf(EslDecodeException.class);
        EslFrame noName = new EslFrame(Map.of("Content-Type", EslFrame.EVENT_PLAIN), "Foo: bar\n".getBytes());
        assertThatThrownBy(() -> EslEvent.parse(noName)).hasMessageContaining("Event-Name");
        EslFrame shortInner = new EslFrame(Map.of("Content-Type", EslFrame.EVENT_PLAIN),
                "Event-Name: X\nContent-Length: 50\n\nabc".getBytes());
        assertThatThrownBy(() -> EslEvent.parse(shortInner)).hasMessageContaining("inner Content-Length");
    }

    static List<EslFrame> decodeInChunks(byte[] raw, int chunk, Random random) {
        List<EslFrame> frames = new ArrayList<>();
        EslFrameDecoder decoder = new EslFrameDecoder(MAX_HEADER, MAX_BODY, frames::add);
        int pos = 0;
        while (pos < raw.length) {
            int n = random != null ? 1 + random.nextInt(4096) : chunk;
            n = Math.min(n, raw.length - pos);
            decoder.feed(Arrays.copyOfRange(raw, pos, pos + n));
            pos += n;
        }
        assertThat(decoder.bufferedBytes()).as("bytes left over").isZero();
        return frames;
    }

    private static void assertSameFrames(List<EslFrame> actual, List<EslFrame> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).headers()).isEqualTo(expected.get(i).headers());
            assertThat(actual.get(i).body()).isEqualTo(expected.get(i).body());
        }
    }

    private static Map<String, Integer> eventCounts(List<EslFrame> frames) {
        Map<String, Integer> counts = new TreeMap<>();
        for (EslFrame f : frames) {
            String key;
            if (f.contentType().equals(EslFrame.EVENT_XML)) {
                Matcher m = XML_NAME.matcher(f.bodyText());
                assertThat(m.find()).isTrue();
                key = m.group(1);
                Matcher s = XML_SUBCLASS.matcher(f.bodyText());
                if (key.equals("CUSTOM") && s.find()) {
                    key += " " + s.group(1);
                }
            } else if (f.isEvent()) {
                EslEvent e = EslEvent.parse(f);
                key = e.name().equals("CUSTOM") ? "CUSTOM " + e.subclass() : e.name();
            } else {
                continue;
            }
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }
}
