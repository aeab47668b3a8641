package io.zuoxi.esl.codec;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Incremental ESL framing: a header block of {@code Name: value} lines ends at the first empty
 * line; if it has {@code Content-Length}, exactly that many BYTES follow as the body (FreeSWITCH
 * counts bytes, bodies are UTF-8, so the body is decoded only after framing — see the fixture
 * README, quirks). Bytes may arrive in any chunking; a frame is emitted as soon as it is complete.
 *
 * <p>Stray empty lines between frames are skipped (a CR before LF is tolerated). A header line
 * without {@code ": "}, a non-numeric or negative Content-Length, a header block longer than
 * {@code maxHeaderBytes} or a body longer than {@code maxBodyBytes} throws
 * {@link EslDecodeException}; the decoder then stays failed (the connection must be closed —
 * after garbage there is no way to find the next frame boundary).
 *
 * <p>Not thread-safe: one decoder per connection, fed from its context.
 */
public final class EslFrameDecoder {

    private final int maxHeaderBytes;
    private final int maxBodyBytes;
    private final Consumer<EslFrame> sink;

    private byte[] buf = new byte[16 * 1024];
    private int start; // first unconsumed byte
    private int end;   // one past the last received byte
    private int scanFrom; // where to continue looking for the blank line
    private Map<String, String> pendingHeaders; // header block read, body incomplete
    private int pendingBodyLength;
    private String failure;
    private long framesDecoded;

    public EslFrameDecoder(int maxHeaderBytes, int maxBodyBytes, Consumer<EslFrame> sink) {
        if (maxHeaderBytes < 64 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxHeaderBytes >= 64 and maxBodyBytes >= 0 required");
        }
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
        this.sink = sink;
    }

    public void feed(Buffer chunk) {
        feed(chunk.getBytes());
    }

    public void feed(byte[] chunk) {
        feed(chunk, 0, chunk.length);
    }

    public void feed(byte[] chunk, int off, int len) {
        if (failure != null) {
            throw new EslDecodeException("decoder already failed: " + failure);
        }
        append(chunk, off, len);
        try {
            drain();
        } catch (EslDecodeException e) {
            failure = e.getMessage();
            throw e;
        }
    }

    /** Bytes received but not yet part of a complete frame (a disconnect now loses them). */
    public int bufferedBytes() {
        return end - start;
    }

    public long framesDecoded() {
        return framesDecoded;
    }

    private void append(byte[] chunk, int off, int len) {
        if (end + len > buf.length) {
            int live = end - start;
            if (live + len <= buf.length && start > 0) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                byte[] bigger = new byte[Math.max(buf.length * 2, live + len)];
                System.arraycopy(buf, start, bigger, 0, live);
                buf = bigger;
            }
            scanFrom -= start;
            start = 0;
            end = live;
        }
        System.arraycopy(chunk, off, buf, end, len);
        end += len;
    }

    private void drain() {
        while (true) {
            if (pendingHeaders == null) {
                // skip stray blank lines between frames
                while (start < end && (buf[start] == '\n' || buf[start] == '\r')) {
                    start++;
                }
                if (scanFrom < start) {
                    scanFrom = start;
                }
                int blank = findBlankLine();
                if (blank < 0) {
                    if (end - start > maxHeaderBytes) {
                        throw new EslDecodeException("header block exceeds " + maxHeaderBytes + " bytes");
                    }
                    return;
                }
                if (blank - start > maxHeaderBytes) {
                    throw new EslDecodeException("header block exceeds " + maxHeaderBytes + " bytes");
                }
                Map<String, String> headers = parseHeaders(buf, start, blank);
                start = afterBlankLine(blank);
                scanFrom = start;
                String length = headers.get("Content-Length");
                int bodyLength = length == null ? 0 : parseLength(length);
                if (bodyLength > maxBodyBytes) {
                    throw new EslDecodeException("body of " + bodyLength + " bytes exceeds " + maxBodyBytes);
                }
                pendingHeaders = headers;
                pendingBodyLength = bodyLength;
            }
            if (end - start < pendingBodyLength) {
                return;
            }
            byte[] body = new byte[pendingBodyLength];
            System.arraycopy(buf, start, body, 0, pendingBodyLength);
            start += pendingBodyLength;
            scanFrom = start;
            EslFrame frame = new EslFrame(pendingHeaders, body);
            pendingHeaders = null;
            framesDecoded++;
            if (start == end) {
                start = 0;
                end = 0;
                scanFrom = 0;
            }
            sink.accept(frame);
        }
    }

    /** Index of the first LF of an LF(CR)LF pair (end of the header block), or -1. */
    private int findBlankLine() {
        int limit = end - 1;
        for (int i = Math.max(scanFrom, start); i < limit; i++) {
            if (buf[i] == '\n') {
                byte next = buf[i + 1];
                if (next == '\n') {
                    return i;
                }
                if (next == '\r' && i + 2 < end && buf[i + 2] == '\n') {
                    return i;
                }
            }
        }
        // keep the last byte: it may be the first LF of a pair still arriving
        scanFrom = Math.max(start, end - 2);
        return -1;
    }

    private int afterBlankLine(int blank) {
        return buf[blank + 1] == '\n' ? blank + 2 : blank + 3;
    }

    private static int parseLength(String value) {
        int n = 0;
        if (value.isEmpty() || value.length() > 10) {
            throw new EslDecodeException("bad Content-Length: " + value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new EslDecodeException("bad Content-Length: " + value);
            }
            n = n * 10 + (c - '0');
            if (n < 0) {
                throw new EslDecodeException("bad Content-Length: " + value);
            }
        }
        return n;
    }

    /**
     * Parses {@code Name: value} lines in {@code [from, to)} (LF or CRLF ends). Values are kept
     * verbatim; the last occurrence of a name wins (a
     * queued sendmsg event carries {@code Event-Name: COMMAND} then {@code Event-Name: PRIVATE_COMMAND},
     * fixture e; FreeSWITCH reports the latter). Shared with the event-plain body parser.
     */
    static Map<String, String> parseHeaders(byte[] data, int from, int to) {
        Map<String, String> headers = new LinkedHashMap<>();
        int lineStart = from;
        while (lineStart < to) {
            int lineEnd = lineStart;
            while (lineEnd < to && data[lineEnd] != '\n') {
                lineEnd++;
            }
            int contentEnd = lineEnd > lineStart && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd > lineStart) {
                int colon = -1;
                for (int i = lineStart; i < contentEnd - 1; i++) {
                    if (data[i] == ':' && data[i + 1] == ' ') {
                        colon = i;
                        break;
                    }
                }
                if (colon <= lineStart) {
                    throw new EslDecodeException("malformed header line: "
                            + printable(data, lineStart, Math.min(contentEnd, lineStart + 60)));
                }
                String name = new String(data, lineStart, colon - lineStart, StandardCharsets.UTF_8);
                String value = new String(data, colon + 2, contentEnd - colon - 2, StandardCharsets.UTF_8);
                headers.put(name, value);
            }
            lineStart = lineEnd + 1;
        }
        return headers;
    }

    private static String printable(byte[] data, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            int b = data[i] & 0xff;
            sb.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return sb.toString();
    }
}
