package io.zuoxi.sim.asterisk;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AmiRequestReaderTest {

    private final List<AmiRequestReader.Request> got = new ArrayList<>();
    private final AmiRequestReader reader = new AmiRequestReader(got::add);

    @Test
    void splitsActionsWhateverTheChunking() {
        String wire = "Action: Login\r\nUsername: a\r\nSecret: b: c\r\n\r\nAction: Ping\r\nActionID: 2\r\n\r\n";
        for (int i = 0; i < wire.length(); i++) {
            assertThat(reader.feed(wire.substring(i, i + 1))).isTrue();
        }
        assertThat(got).hasSize(2);
        assertThat(got.get(0).action()).isEqualTo("login");
        assertThat(got.get(0).get("secret")).isEqualTo("b: c");
        assertThat(got.get(1).get("ActionID")).isEqualTo("2");
    }

    @Test
    void toleratesBareLfJunkLinesAndExtraBlankLines() {
        reader.feed("\r\n\r\njunk without colon\nAction: Originate\nVariable: A=1\nVariable: B=2\n\n");
        assertThat(got).hasSize(1);
        assertThat(got.get(0).all("Variable")).containsExactly("A=1", "B=2");
        assertThat(got.get(0).headers()).hasSize(3);
    }

    @Test
    void refusesEndlessRequests() {
        assertThat(reader.feed("Action: Ping\r\nX: " + "y".repeat(AmiRequestReader.MAX_PENDING_CHARS))).isFalse();
        assertThat(got).isEmpty();
    }

    @Test
    void attachedDataIsAnUrlEncodedFormWithStableOrder() {
        assertThat(SimulatedAsterisk.encodeAttachedData(Map.of("order", "A 17&x=1", "lang", "zh", "名", "张伟")))
                .isEqualTo("lang=zh&order=A%2017%26x%3D1&%E5%90%8D=%E5%BC%A0%E4%BC%9F");
        assertThat(SimulatedAsterisk.encodeAttachedData(Map.of())).isEmpty();
    }

    @Test
    void framesEncodeWithCrlfAndNoLineBreaksInValues() {
        assertThat(AmiFrame.response("Success", null).add("Message", "a\r\nb").encode())
                .isEqualTo("Response: Success\r\nMessage: a  b\r\n\r\n");
    }
}
