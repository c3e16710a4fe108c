package dev.netlab.chat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.cluster.RedisBus;
import dev.netlab.chat.cluster.RedisServer;
import dev.netlab.chat.programs.Readiness;
import dev.netlab.chat.server.ChatServer;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Require;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two headless Chromium browsers on two different instances of the chat, which share the room
 * through Redis (CLUSTER.md): each sees the other join, each other's messages once, and the
 * other leave. Screenshots: {@code day7-capstone/target/chat-browsers/cluster-*.png}.
 *
 * <p>Mistakes it catches: presence kept per instance (each browser alone in the room), a
 * message fanned out only on the instance that stored it, a message shown twice on the
 * sender's page (the local fan-out and the Stream's), a leave not published to the other
 * instance.
 */
@Checkpoint(id = "7.19", title = "The chat across instances: Redis orders each room, presence expires, kill -9 loses nothing",
        edit = {"dev/netlab/chat/room/RoomRegistry.java", "dev/netlab/chat/room/Outbox.java"},
        hint = "everything before it must pass; the cluster parts are given: ./lab run day7-capstone --solutions --cluster 2",
        readme = "#several-instances")
class ClusterBrowsersTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("ada on instance A and bob on instance B chat in one room: messages, presence, a leave")
    void browsersOnTwoInstances() throws Exception {
        Readiness.throwFirstStub(Readiness.chat()); // the chat's pieces (earlier checkpoints): a stub fails here, once per checkpoint
        Require.tool("redis-server");
        Evidence.current().reproduce("./lab run day7-capstone --solutions --cluster 2   then open https://localhost:8443/ "
                + "in one browser and https://localhost:8444/ in another");
        ChatLimits limits = ChatLimits.defaults();
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"), 0);
             ChatServer a = ChatServer.start(ChatServer.Options.testing(dir.resolve("a.db")).withLimits(limits)
                     .withRedis(RedisBus.Config.of(redis.url()).withPresenceTtl(Duration.ofSeconds(2))));
             ChatServer b = ChatServer.start(ChatServer.Options.testing(dir.resolve("b.db")).withLimits(limits)
                     .withRedis(RedisBus.Config.of(redis.url()).withPresenceTtl(Duration.ofSeconds(2))));
             Browser ada = Browser.start(dir.resolve("ada"));
             Browser bob = Browser.start(dir.resolve("bob"))) {
            String urlA = "https://localhost:" + a.port() + "/";
            String urlB = "https://localhost:" + b.port() + "/";
            TwoBrowsersTest.join(ada, urlA, "ada");
            TwoBrowsersTest.join(bob, urlB, "bob");
            assertThat(Browser.await(() -> TwoBrowsersTest.members(ada).containsAll(List.of("ada", "bob")), Duration.ofSeconds(20)))
                    .as("ada (instance A) sees bob (instance B) join: %s", TwoBrowsersTest.members(ada)).isTrue();
            assertThat(Browser.await(() -> TwoBrowsersTest.members(bob).containsAll(List.of("ada", "bob")), Duration.ofSeconds(20)))
                    .as("bob sees ada: %s", TwoBrowsersTest.members(bob)).isTrue();

            TwoBrowsersTest.say(ada, "hello from instance A");
            assertThat(Browser.await(() -> TwoBrowsersTest.chat(bob).contains("ada: hello from instance A"), Duration.ofSeconds(20)))
                    .as("bob's lines: %s", TwoBrowsersTest.chat(bob)).isTrue();
            TwoBrowsersTest.say(bob, "hello from instance B");
            assertThat(Browser.await(() -> TwoBrowsersTest.chat(ada).contains("bob: hello from instance B"), Duration.ofSeconds(20)))
                    .as("ada's lines: %s", TwoBrowsersTest.chat(ada)).isTrue();
            assertThat(Browser.await(() -> TwoBrowsersTest.chat(ada).equals(TwoBrowsersTest.chat(bob)), Duration.ofSeconds(10)))
                    .as("the same conversation on both pages, each line once: ada %s, bob %s",
                            TwoBrowsersTest.chat(ada), TwoBrowsersTest.chat(bob)).isTrue();
            assertThat(TwoBrowsersTest.chat(ada)).containsExactly("ada: hello from instance A", "bob: hello from instance B");
            ada.screenshot(TwoBrowsersTest.SHOTS.resolve("cluster-ada-instance-a.png"));
            bob.screenshot(TwoBrowsersTest.SHOTS.resolve("cluster-bob-instance-b.png"));

            bob.close();
            assertThat(Browser.await(() -> TwoBrowsersTest.members(ada).equals(List.of("ada"))
                    && TwoBrowsersTest.texts(ada).contains("bob left"), Duration.ofSeconds(20)))
                    .as("ada sees bob leave instance B (members: %s)", TwoBrowsersTest.members(ada)).isTrue();
        }
    }
}
