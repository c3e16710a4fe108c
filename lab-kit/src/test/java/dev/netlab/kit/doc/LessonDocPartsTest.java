package dev.netlab.kit.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documentation test's parts: markers, masks and the line matching with {@code ...}. */
class LessonDocPartsTest {
    @Test
    @DisplayName("a marker: its kind, options with quoted values and comma lists; unknown options and a skip without a reason are refused")
    void marker() {
        DocMarker m = DocMarker.parse("<!-- lab-doc: run server=\"./lab run day3-http11 --solutions\" port=8080 mask=time,port mask-re=\"\\\"[0-9a-f]+\\\"\" -->")
                .orElseThrow();
        assertThat(m.kind()).isEqualTo("run");
        assertThat(m.option("server")).contains("./lab run day3-http11 --solutions");
        assertThat(m.list("mask")).containsExactly("time", "port");
        assertThat(m.list("mask-re")).containsExactly("\"[0-9a-f]+\"");
        assertThatThrownBy(() -> DocMarker.parse("<!-- lab-doc: run colour=red -->")).hasMessageContaining("unknown lab-doc option 'colour'");
        assertThatThrownBy(() -> DocMarker.parse("<!-- lab-doc: skip -->")).hasMessageContaining("says why");
        assertThat(DocMarker.parse("<!-- another comment -->")).isEmpty();
    }

    @Test
    @DisplayName("masks: a MAC with digits only in its middle octets is a MAC, not a clock time, and so is one tshark names by its vendor; ports, durations and figures like 3.72k")
    void masks() {
        DocMasks masks = new DocMasks(List.of("time", "mac", "port", "number"), List.of());
        assertThat(masks.apply("    1   0.000000 96:f9:12:34:56:fe → Broadcast    ARP 42"))
                .isEqualTo("    <n> <time> <mac> → Broadcast ARP <n>");
        // a random MAC whose prefix Wireshark's manuf happens to know is printed with a vendor's name
        assertThat(masks.apply("    2   0.000031 MS-NLB-PhysServer-32_01:73:71:6e:1f → Intel_ab:cd:ef ARP 42"))
                .isEqualTo("    <n> <time> <mac> → <mac> ARP <n>");
        assertThat(masks.apply("READY http://127.0.0.1:43121/ time=0.615 ms"))
                .isEqualTo("READY http://127.0.0.1:<port>/ time=<time>");
        assertThat(masks.apply("    Req/Sec     3.72k     1.84k   8.04k    71.00%"))
                .isEqualTo("    Req/Sec <n> <n> <n> <n>%");
        assertThatThrownBy(() -> new DocMasks(List.of("colour"), List.of())).hasMessageContaining("unknown mask 'colour'");
    }

    @Test
    @DisplayName("matching: a line \"...\" stands for any number of lines (none too), a line ending in ... for one line with that start")
    void matching() {
        assertThat(DocMatch.matches(List.of("a", "...", "d"), List.of("a", "b", "c", "d"))).isTrue();
        assertThat(DocMatch.matches(List.of("a", "...", "d"), List.of("a", "d"))).isTrue();
        assertThat(DocMatch.matches(List.of("a", "long li..."), List.of("a", "long line"))).isTrue();
        assertThat(DocMatch.matches(List.of("a", "d"), List.of("a", "b", "d"))).isFalse();
        assertThat(DocMatch.matches(List.of("a", "..."), List.of("b"))).isFalse();
    }

    @Test
    @DisplayName("blocks: commands after $ with their output, a trailing \\ continues the command, & runs it in the background")
    void commands() {
        DocBlock b = new DocBlock(java.nio.file.Path.of("README.md"), 1, java.util.Optional.empty(), List.of(
                "$ ./lab run day2-tcp-udp kv --solutions -- --port 7379 &", "READY tcp://127.0.0.1:7379",
                "$ curl -s \\", "    http://127.0.0.1:7379/", "out"));
        List<DocBlock.Command> c = b.commands(true);
        assertThat(c).hasSize(2);
        assertThat(c.get(0).background()).isTrue();
        assertThat(c.get(0).text()).isEqualTo("./lab run day2-tcp-udp kv --solutions -- --port 7379");
        assertThat(c.get(0).expected()).containsExactly("READY tcp://127.0.0.1:7379");
        assertThat(c.get(1).text()).isEqualTo("curl -s \\\n    http://127.0.0.1:7379/");
        assertThat(c.get(1).expected()).containsExactly("out");
        assertThat(b.looksLikeCommands()).isTrue();
    }

    @Test
    @DisplayName("ports: every URL a background program prints maps the lesson's port to the real one, the READY line's and others (a redirect port)")
    void ports() {
        DocSession s = new DocSession(java.nio.file.Path.of("."));
        s.learnPort(List.of("redirect: http://127.0.0.1:8080/ -> https", "READY https://127.0.0.1:8443/"),
                List.of("WARNING: an agent was loaded", "redirect: http://127.0.0.1:41234/ -> https", "READY https://127.0.0.1:40001/"));
        assertThat(s.ports()).containsEntry(8080, 41234).containsEntry(8443, 40001).hasSize(2);
        assertThat(s.toReal("curl -si http://localhost:8080/page https://localhost:8443/"))
                .isEqualTo("curl -si http://localhost:41234/page https://localhost:40001/");
        assertThat(s.toLesson("Location: https://localhost:40001/page")).isEqualTo("Location: https://localhost:8443/page");
    }
}
