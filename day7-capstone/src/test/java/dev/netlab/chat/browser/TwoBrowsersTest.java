package dev.netlab.chat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.server.ChatServer;
import dev.netlab.chat.ws.ChatWebSockets;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Two headless Chromium browsers, each trusting only the lab CA, chat in one room of the chat
 * running on your days 3–6: each sees the other's messages, the history after a reload, and
 * the presence changes; the dashboard shows the live feed. Browser A talks HTTP/2 (ALPN h2):
 * its WebSocket runs over the page's own h2 connection (RFC 8441 extended CONNECT); browser B
 * runs with {@code --disable-http2}: HTTP/1.1 and the WebSocket by the upgrade — the fallback.
 * Screenshots: {@code day7-capstone/target/chat-browsers/}.
 *
 * <p>Mistakes it catches: an h2 connection that does not advertise
 * SETTINGS_ENABLE_CONNECT_PROTOCOL or mishandles {@code :protocol} (the page falls back or
 * fails), a CSP or content type the browser refuses, permessage-deflate negotiated wrongly
 * (Chromium fails the connection with 1002), a fan-out that skips a member, a replay that
 * misses or repeats a message after a reload, a leave that is not announced. The second test
 * restarts the server under both pages (same port, same history): each page must reconnect by
 * itself, rejoin with {@code since}, and send again what was typed while offline — checked
 * with a hand-made mutant of the page that drops its pending messages on reconnect ("bob's
 * message from the outage reached ada" fails).
 */
@Checkpoint(id = "7.11", title = "Two real browsers chat: messages, the history after a reload, presence; h2 and HTTP/1.1",
        edit = {"dev/netlab/chat/room/RoomRegistry.java", "dev/netlab/chat/history/HistoryStore.java"},
        hint = "everything before it must pass; open ./lab run day7-capstone in two browser windows and watch DevTools > Network > WS",
        readme = "#two-browsers")
class TwoBrowsersTest {
    static final Path SHOTS = Path.of("target", "chat-browsers");

    @TempDir
    Path dir;

    @Test
    @DisplayName("ada (h2, RFC 8441) and bob (HTTP/1.1 upgrade) see each other's messages, the history after a reload, join and leave")
    void twoBrowsersChat() throws Exception {
        try (ChatServer server = ChatServer.start(ChatServer.Options.testing(dir.resolve("h.db")))) {
            String url = "https://localhost:" + server.port() + "/";
            Evidence.current().reproduce("./lab run day7-capstone --solutions   then open " + url.replace(":" + server.port(), ":8443")
                    + " in two browser windows");
            try (Browser ada = Browser.start(dir.resolve("ada"));
                 Browser bob = Browser.start(dir.resolve("bob"), "--disable-http2")) {
                join(ada, url, "ada");
                join(bob, url, "bob");
                assertThat(Browser.await(() -> members(ada).equals(List.of("ada", "bob")), Duration.ofSeconds(20)))
                        .as("ada sees bob join (members: %s)", members(ada)).isTrue();
                assertThat(Browser.await(() -> texts(ada).contains("bob joined"), Duration.ofSeconds(5))).isTrue();

                say(ada, "hello from ada <b>not bold</b>");
                assertThat(Browser.await(() -> chat(bob).contains("ada: hello from ada <b>not bold</b>"), Duration.ofSeconds(20)))
                        .as("bob sees ada's message, as text (bob's lines: %s)", chat(bob)).isTrue();
                say(bob, "hi ada, bob here");
                assertThat(Browser.await(() -> chat(ada).contains("bob: hi ada, bob here"), Duration.ofSeconds(20)))
                        .as("ada sees bob's message (ada's lines: %s)", chat(ada)).isTrue();
                assertThat(bob.driver.findElements(By.cssSelector("#messages b"))).as("no markup from a message").isEmpty();
                ada.screenshot(SHOTS.resolve("ada.png"));
                bob.screenshot(SHOTS.resolve("bob.png"));

                // a reload: the same room under the same name (session storage), the history replayed once
                bob.driver.navigate().refresh();
                assertThat(Browser.await(() -> chat(bob).equals(List.of("ada: hello from ada <b>not bold</b>", "bob: hi ada, bob here")),
                        Duration.ofSeconds(20))).as("bob's history after the reload: %s", chat(bob)).isTrue();
                say(bob, "back after a reload");
                assertThat(Browser.await(() -> chat(ada).contains("bob: back after a reload"), Duration.ofSeconds(20))).isTrue();
                assertThat(chat(ada)).as("ada saw each message once").doesNotHaveDuplicates();
                bob.screenshot(SHOTS.resolve("bob-after-reload.png"));

                long overH2 = server.websockets().opened(ChatWebSockets.Transport.HTTP2_EXTENDED_CONNECT);
                long overH1 = server.websockets().opened(ChatWebSockets.Transport.HTTP1_UPGRADE);
                System.out.println("chat WebSockets opened: " + overH2 + " over h2 (RFC 8441), " + overH1 + " by the HTTP/1.1 upgrade");
                assertThat(overH1).as("bob (--disable-http2): the upgrade, twice (before and after the reload)").isGreaterThanOrEqualTo(2);
                assertThat(overH2).as("ada: Chromium opened its WebSocket over the page's h2 connection (RFC 8441)").isGreaterThanOrEqualTo(1);

                // the dashboard, live over its own WebSocket
                ada.driver.get(url + "dashboard");
                assertThat(Browser.await(() -> "live (WebSocket)".equals(ada.driver.findElement(By.id("status")).getText())
                        && Integer.parseInt(String.valueOf(ada.js("return document.body.dataset.updates || '0'"))) >= 2,
                        Duration.ofSeconds(20))).as("the dashboard's feed at /live").isTrue();
                ada.screenshot(SHOTS.resolve("dashboard.png"));
                ada.driver.navigate().back();
                assertThat(Browser.await(() -> members(ada).equals(List.of("ada", "bob")), Duration.ofSeconds(20))).isTrue();

                bob.close(); // the browser goes away: its connection drops; the room is told
                assertThat(Browser.await(() -> members(ada).equals(List.of("ada")) && texts(ada).contains("bob left"),
                        Duration.ofSeconds(30))).as("ada sees bob leave (members: %s)", members(ada)).isTrue();
                ada.screenshot(SHOTS.resolve("ada-bob-left.png"));
            }
        }
    }

    @Test
    @DisplayName("the server restarts under two open pages: each reconnects by itself (backoff) and resumes from the last id it saw - no gap, no duplicate; a message typed while offline is sent again and stored once")
    void reconnectAfterRestart() throws Exception {
        Path db = dir.resolve("h.db");
        ChatServer first = ChatServer.start(ChatServer.Options.testing(db));
        ChatServer second = null;
        int port = first.port();
        String url = "https://localhost:" + port + "/";
        try (Browser ada = Browser.start(dir.resolve("ada"));
             Browser bob = Browser.start(dir.resolve("bob"), "--disable-http2")) {
            join(ada, url, "ada");
            join(bob, url, "bob");
            say(ada, "before the restart");
            assertThat(Browser.await(() -> chat(bob).contains("ada: before the restart"), Duration.ofSeconds(20))).isTrue();

            first.stop(); // close 1001 to both pages: they must come back by themselves
            for (Browser b : List.of(ada, bob)) {
                assertThat(Browser.await(() -> !"online".equals(state(b)), Duration.ofSeconds(20)))
                        .as("the page noticed the server going away").isTrue();
            }
            say(bob, "typed while offline");
            second = ChatServer.start(ChatServer.Options.testing(db).withPort(port));
            for (Browser b : List.of(ada, bob)) {
                // in the order they rejoined, which is either
                assertThat(Browser.await(() -> "online".equals(state(b)) && java.util.Set.copyOf(members(b)).equals(java.util.Set.of("ada", "bob")),
                        Duration.ofSeconds(40))).as("the page reconnected and rejoined (state %s, members %s)", state(b), members(b))
                        .isTrue();
            }
            assertThat(Browser.await(() -> chat(ada).contains("bob: typed while offline"), Duration.ofSeconds(20)))
                    .as("bob's message from the outage reached ada (ada's lines: %s)", chat(ada)).isTrue();
            say(ada, "after the restart");
            List<String> all = List.of("ada: before the restart", "bob: typed while offline", "ada: after the restart");
            for (Browser b : List.of(ada, bob)) {
                assertThat(Browser.await(() -> chat(b).equals(all), Duration.ofSeconds(20)))
                        .as("every message once, in order, after the reconnect: %s", chat(b)).isTrue();
            }
            assertThat(second.metrics().render()).as("stored once").contains("chat_messages_stored_total 2\n");
            bob.screenshot(SHOTS.resolve("bob-after-restart.png"));
        } finally {
            first.stop();
            if (second != null) {
                second.stop();
            }
        }
    }

    static String state(Browser b) {
        return b.driver.findElement(By.id("status")).getAttribute("data-state");
    }

    static void join(Browser b, String url, String nick) throws InterruptedException {
        b.driver.get(url);
        b.driver.findElement(By.id("nick")).sendKeys(nick);
        assertThat(Browser.await(() -> "online".equals(state(b)),
                Duration.ofSeconds(20))).as("%s's page connected its WebSocket", nick).isTrue();
        b.driver.findElement(By.cssSelector("#join button")).click();
        assertThat(Browser.await(() -> b.driver.findElement(By.id("chat")).isDisplayed(), Duration.ofSeconds(20)))
                .as("%s joined", nick).isTrue();
    }

    static void say(Browser b, String text) {
        WebElement box = b.driver.findElement(By.id("text"));
        box.sendKeys(text);
        box.sendKeys(Keys.ENTER);
    }

    /** The chat lines as "nick: text", in order (system lines and pending ones left out). */
    @SuppressWarnings("unchecked")
    static List<String> chat(Browser b) {
        return (List<String>) b.js("return [...document.querySelectorAll('#messages li[data-id]')]"
                + ".map(li => li.querySelector('.nick').textContent + ': ' + li.querySelector('.text').textContent);");
    }

    /** Every line's text, system lines included. */
    @SuppressWarnings("unchecked")
    static List<String> texts(Browser b) {
        return (List<String>) b.js("return [...document.querySelectorAll('#messages li')].map(li => li.textContent);");
    }

    @SuppressWarnings("unchecked")
    static List<String> members(Browser b) {
        return (List<String>) b.js("return [...document.querySelectorAll('#members li')].map(li => li.textContent);");
    }
}
