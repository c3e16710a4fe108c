package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The given {@link TransferCodings} (not an exercise): gzip and deflate undone, bounded, in reverse order. */
class TransferCodingsTest {
    private static final long MAX = 1024 * 1024;

    @Test
    @DisplayName("gzip, x-gzip and deflate (zlib, RFC 9110 §8.4.1.2) are undone; chunked alone leaves the body as it is")
    void undone() throws HttpException {
        byte[] hello = Wire.bytes("hello");
        assertThat(TransferCodings.decode(List.of("gzip", "chunked"), Wire.gzip(hello), MAX)).isEqualTo(hello);
        assertThat(TransferCodings.decode(List.of("x-gzip", "chunked"), Wire.gzip(hello), MAX)).isEqualTo(hello);
        assertThat(TransferCodings.decode(List.of("deflate", "chunked"), Wire.zlib(hello), MAX)).isEqualTo(hello);
        assertThat(TransferCodings.decode(List.of("chunked"), hello, MAX)).isSameAs(hello);
    }

    @Test
    @DisplayName("codings are listed in the order applied, so they are undone last first (RFC 9112 §6.1)")
    void reverseOrder() throws HttpException {
        byte[] coded = Wire.zlib(Wire.gzip(Wire.bytes("twice")));
        assertThat(TransferCodings.decode(List.of("gzip", "deflate", "chunked"), coded, MAX)).isEqualTo(Wire.bytes("twice"));
    }

    @Test
    @DisplayName("inflating past the bound is 413 (a zip bomb); data not in the coding's format is 400")
    void boundedAndChecked() {
        byte[] bomb = Wire.gzip(new byte[2 * 1024 * 1024]);
        assertThatThrownBy(() -> TransferCodings.decode(List.of("gzip", "chunked"), bomb, MAX))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.CONTENT_TOO_LARGE);
        assertThatThrownBy(() -> TransferCodings.decode(List.of("gzip", "chunked"), Wire.bytes("World"), MAX))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.BAD_REQUEST);
        byte[] truncated = java.util.Arrays.copyOf(Wire.zlib(Wire.bytes("cut short, cut short")), 8);
        assertThatThrownBy(() -> TransferCodings.decode(List.of("deflate", "chunked"), truncated, MAX))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.BAD_REQUEST);
    }

    @Test
    @DisplayName("a coding without a decoder here (compress) is 501")
    void notImplemented() {
        assertThatThrownBy(() -> TransferCodings.decode(List.of("compress", "chunked"), Wire.bytes("x"), MAX))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.NOT_IMPLEMENTED);
    }
}
