package dev.netlab.chat.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.Version;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The load generator's own soundness (given code, no checkpoint): {@link ChatLoad} counts lost and
 * duplicated deliveries, so a fault of its own would be reported as the chat's. Day 7's class path
 * once held netty-common, netty-handler and netty-resolver 4.2.13 (Lettuce's) beside the rest of
 * Netty at 4.2.18: netty-buffer's allocator then threw {@code NoSuchMethodError
 * MpscIntQueue.weakPeekReduce} inside a client's pipeline under load, closing that client mid-run.
 * This row fails on such a class path, at once and whatever the machine's load.
 */
class LoadClientClassPathTest {

    @Test
    @DisplayName("every Netty artifact on the load client's class path is of one release (the root pom imports netty-bom)")
    void oneNettyRelease() {
        Map<String, Version> versions = Version.identify(ChatLoad.class.getClassLoader());
        assertThat(versions).as("Netty's artifacts found").containsKeys("netty-common", "netty-buffer", "netty-handler",
                "netty-transport", "netty-codec-http");
        assertThat(ChatLoad.mixedNetty(versions)).as("Netty releases mixed on the class path").isNull();
    }
}
