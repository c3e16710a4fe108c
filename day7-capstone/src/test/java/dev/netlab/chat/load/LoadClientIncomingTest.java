package dev.netlab.chat.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The load generator's own soundness (given code, no checkpoint): its client reads the server's
 * messages with a streaming parser from the frame's octets (no tree per delivery). A misread id
 * would be counted as the chat's loss or duplicate, a misread send time as its latency.
 */
class LoadClientIncomingTest {

    private static ByteBuf direct(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return Unpooled.directBuffer(b.length).writeBytes(b);
    }

    @Test
    @DisplayName("a message's type, id and send time are read whatever the order of its fields, past nested values")
    void messageFieldsInAnyOrder() throws Exception {
        LoadClient.Incoming m = new LoadClient.Incoming().parse(direct(
                "{\"room\":\"r1\",\"extra\":{\"a\":[1,{\"id\":99}]},\"text\":\"load 12 123456789\",\"id\":4711,\"type\":\"message\",\"nick\":\"u1\"}"));
        assertThat(m.type).isEqualTo("message");
        assertThat(m.id).as("the top-level id, not the nested one").isEqualTo(4711);
        assertThat(m.loadSentAt()).isEqualTo(123456789L);
    }

    @Test
    @DisplayName("an array-backed frame with a reader index past 0 is read from that index; fields of a reused reader are reset")
    void heapBufferAndReuse() throws Exception {
        ByteBuf heap = Unpooled.buffer();
        heap.writeBytes("xxxx{\"type\":\"ack\",\"ref\":\"u3-7\",\"id\":12}".getBytes(StandardCharsets.UTF_8));
        heap.readerIndex(4);
        LoadClient.Incoming in = new LoadClient.Incoming();
        in.parse(direct("{\"type\":\"error\",\"code\":\"nick_taken\",\"message\":\"taken\",\"text\":\"load 1 5\"}"));
        assertThat(in.code).isEqualTo("nick_taken");
        assertThat(in.message).isEqualTo("taken");
        in.parse(heap);
        assertThat(in.type).isEqualTo("ack");
        assertThat(in.ref).isEqualTo("u3-7");
        assertThat(in.id).isEqualTo(12);
        assertThat(in.code).as("reset by the next parse").isEmpty();
        assertThat(in.loadSentAt()).as("no load text in an ack").isEqualTo(Long.MIN_VALUE);
    }

    @Test
    @DisplayName("a user's text that only looks like the load client's is not taken for a send time")
    void notALoadText() throws Exception {
        LoadClient.Incoming m = new LoadClient.Incoming();
        for (String text : new String[] {"hello", "load", "load 12", "load 12 x", "loading 1 2"}) {
            m.parse(direct("{\"type\":\"message\",\"id\":1,\"text\":\"" + text + "\"}"));
            assertThat(m.loadSentAt()).as(text).isEqualTo(Long.MIN_VALUE);
        }
    }
}
