package dev.netlab.chat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.server.ChatServer;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.capture.LiveCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * A browser session on the wire: a live capture on loopback while headless Chromium (HTTP/1.1,
 * so that tshark's WebSocket dissector sees the upgrade) joins and chats, with Chromium's own
 * key log ({@code --ssl-key-log-file}); tshark decrypts the TLS and shows the chat's WebSocket
 * frames — the browser's masked and compressed (permessage-deflate) text frames, the server's
 * replies — as the JSON the lesson describes. The files stay in
 * {@code day7-capstone/target/chat-browsers/} ({@code session.pcap}, {@code session.keys}) for
 * Wireshark and {@code ./lab ladder}.
 *
 * <p>Mistakes it catches: frames a real dissector does not accept (a wrong length form, a
 * mask on a server frame, RSV1 without a negotiated extension), a deflate stream tshark cannot
 * inflate.
 */
@Checkpoint(id = "7.14", title = "A browser session captured and decrypted: the chat's WebSocket frames in tshark",
        edit = {"dev/netlab/chat/protocol/ChatCodec.java"},
        hint = "everything before it must pass; tshark -r session.pcap -o tls.keylog_file:session.keys -Y websocket",
        readme = "#on-the-wire")
class CapturedSessionTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("tshark, given Chromium's key log, shows the join, the message and the server's replies as WebSocket text frames")
    void decrypted() throws Exception {
        Require.captureAccess();
        Peer tshark = Peer.require("tshark");
        Path pcap = TwoBrowsersTest.SHOTS.resolve("session.pcap").toAbsolutePath();
        Path keys = TwoBrowsersTest.SHOTS.resolve("session.keys").toAbsolutePath();
        Files.createDirectories(pcap.getParent());
        Files.deleteIfExists(keys);
        try (ChatServer server = ChatServer.start(ChatServer.Options.testing(dir.resolve("h.db")));
             LiveCapture capture = LiveCapture.loopback("tcp port " + server.port())) {
            String url = "https://localhost:" + server.port() + "/";
            Evidence.current().reproduce("chromium --ssl-key-log-file=/tmp/keys " + url + "   while   tshark -i lo -w /tmp/s.pcap tcp port 8443");
            try (Browser b = Browser.start(dir.resolve("home"), "--disable-http2", "--ssl-key-log-file=" + keys)) {
                b.driver.get(url);
                b.driver.findElement(By.id("nick")).sendKeys("wireshark");
                Browser.await(() -> "online".equals(b.driver.findElement(By.id("status")).getAttribute("data-state")), Duration.ofSeconds(20));
                b.driver.findElement(By.cssSelector("#join button")).click();
                assertThat(Browser.await(() -> b.driver.findElement(By.id("chat")).isDisplayed(), Duration.ofSeconds(20))).isTrue();
                b.driver.findElement(By.id("text")).sendKeys("seen on the wire", Keys.ENTER);
                assertThat(Browser.await(() -> TwoBrowsersTest.chat(b).contains("wireshark: seen on the wire"), Duration.ofSeconds(20))).isTrue();
            }
            Thread.sleep(300);
            capture.stop();
            capture.writePcap(pcap);
        }
        Peer.PeerResult frames = tshark.run(Duration.ofSeconds(60), "-r", pcap.toString(), "-o", "tls.keylog_file:" + keys,
                "-Y", "websocket.payload.text", "-T", "fields", "-e", "websocket.mask", "-e", "websocket.pmc", "-e", "websocket.payload.text")
                .assertSuccess();
        System.out.println("tshark -Y websocket.payload.text:\n" + frames.stdout());
        assertThat(frames.stdout()).as("the browser's join, decrypted and inflated")
                .contains("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"wireshark\"}")
                .contains("\"text\":\"seen on the wire\"")
                .contains("\"type\":\"joined\"").contains("\"type\":\"ack\"");
        // one line per TLS record's packet: a run of frames the server coalesced (ChatSession's runs) gives "0,0\t1,1\t..."
        assertThat(frames.stdout().lines().filter(l -> l.matches("1(,1)*\t1(,1)*\t.*")).count()).as("masked, compressed frames from the browser")
                .isPositive();
        assertThat(frames.stdout().lines().filter(l -> l.matches("0(,0)*\t.*")).count()).as("unmasked frames from the server").isPositive();
    }
}
