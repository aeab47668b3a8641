package io.zuoxi.esl.codec;

/** The byte stream is not ESL (malformed header line, bad Content-Length) or a frame exceeds a limit. */
public final class EslDecodeException extends RuntimeException {

    public EslDecodeException(String message) {
        super(message);
    }
}
