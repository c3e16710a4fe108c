package dev.netlab.chat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The octets read before a TLS handshake: read once, in order, then let go. */
class FirstOctetsTest {

    @Test
    @DisplayName("the first n octets of the array, in pieces, then the end; the array let go once read")
    void readOnceThenLetGo() {
        byte[] read = "HELLOxxxx".getBytes(StandardCharsets.US_ASCII); // 5 octets read into a larger array
        ChatHttpServer.FirstOctets in = new ChatHttpServer.FirstOctets(read, 5);
        assertThat(in.available()).isEqualTo(5);
        byte[] into = new byte[8];
        assertThat(in.read(into, 0, 0)).isZero();
        assertThat(in.read(into, 1, 3)).isEqualTo(3);
        assertThat(in.read()).isEqualTo('L');
        assertThat(in.holdsOctets()).isTrue();
        assertThat(in.read(into, 4, 4)).as("only what was read from the socket, not the rest of the array").isEqualTo(1);
        assertThat(new String(into, 1, 4, StandardCharsets.US_ASCII)).isEqualTo("HELO");
        assertThat(in.holdsOctets()).isFalse();
        assertThat(in.available()).isZero();
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(into, 0, 8)).isEqualTo(-1);
        assertThat(new ChatHttpServer.FirstOctets(read, 0).holdsOctets()).isFalse();
        assertThatThrownBy(() -> new ChatHttpServer.FirstOctets(read, 10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> in.read(into, 6, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @DisplayName("before the socket's octets, as the JDK reads them (a SequenceInputStream): nothing lost, nothing twice")
    void thenTheSocket() throws Exception {
        byte[] first = "ABC".getBytes(StandardCharsets.US_ASCII);
        ChatHttpServer.FirstOctets in = new ChatHttpServer.FirstOctets(first, 3);
        try (InputStream both = new SequenceInputStream(in, new ByteArrayInputStream("DEF".getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(new String(both.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("ABCDEF");
        }
        assertThat(in.holdsOctets()).isFalse();
    }
}
