package dev.netlab.chat.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history store on a real SQLite file. Mistakes it catches (each checked once with a
 * hand-made mutant of the reference): the journal left in rollback mode; a batch committed
 * row by row (autocommit: a failure in the middle leaves half a batch); a read that never ends
 * its transaction, so a WAL reader keeps its stale snapshot; {@code recent} returning the oldest
 * messages, or the newest in the wrong order; {@code after} including {@code afterId} itself or
 * other rooms; ids without AUTOINCREMENT, given out again after the newest row was deleted; a
 * repeated ref stored twice, or deduplicated across rooms; SQL built from the text.
 * (That {@code synchronous=FULL} fsyncs cannot be seen from here: 7.08 proves the commits
 * survive a {@code kill -9}, which {@code NORMAL} would survive too; a power cut is what only
 * FULL survives.) From a PIT run (issue 19): a {@code close} that leaves the connection open,
 * so the log is never checkpointed into the database file and a copy of the file alone (a
 * backup of the stopped server) misses what was acknowledged ({@code closeCheckpoints}).
 */
@Checkpoint(id = "7.05", title = "History in SQLite: WAL, durable batches, replay and resume",
        edit = "dev/netlab/chat/history/HistoryStore.java",
        hint = "PRAGMA journal_mode=WAL and synchronous=FULL; AUTOINCREMENT ids; one transaction per append; INSERT ... ON CONFLICT DO NOTHING RETURNING id; commit after reads",
        readme = "#history")
class HistoryStoreTest {
    @TempDir
    Path dir;

    private static Draft draft(String room, String text, String ref) {
        return new Draft(room, "ada", text, 1_767_225_600_000L, ref);
    }

    private static List<Draft> drafts(String room, int from, int count) {
        List<Draft> list = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            list.add(draft(room, "m" + i, "r" + i));
        }
        return list;
    }

    @Test
    @DisplayName("open creates the folders and the file, in WAL mode")
    void opensInWalMode() throws Exception {
        Path file = dir.resolve("deep/er/history.db");
        try (HistoryStore store = HistoryStore.open(file)) {
            assertThat(store.journalMode()).isEqualToIgnoringCase("wal");
        }
        assertThat(file).exists();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).as("WAL is a property of the file: a new connection sees it").isEqualToIgnoringCase("wal");
        }
    }

    @Test
    @DisplayName("append: ids grow in list order; recent is the newest N oldest first; after is what came later, oldest first")
    void appendRecentAfter() throws Exception {
        try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"))) {
            List<Appended> first = store.append(drafts("lobby", 0, 5));
            store.append(List.of(draft("other", "elsewhere", "o1")));
            List<Appended> second = store.append(drafts("lobby", 5, 5));
            List<Long> ids = new ArrayList<>();
            first.forEach(a -> ids.add(a.message().id()));
            second.forEach(a -> ids.add(a.message().id()));
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            assertThat(first).allMatch(Appended::fresh);
            assertThat(first.get(0).message()).isEqualTo(new StoredMessage(ids.get(0), "lobby", "ada", "m0", 1_767_225_600_000L));

            assertThat(store.recent("lobby", 3)).extracting(StoredMessage::text).containsExactly("m7", "m8", "m9");
            assertThat(store.recent("lobby", 100)).extracting(StoredMessage::text).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
            assertThat(store.recent("empty", 100)).isEmpty();
            assertThat(store.after("lobby", ids.get(3), 4)).extracting(StoredMessage::text).containsExactly("m4", "m5", "m6", "m7");
            assertThat(store.after("lobby", ids.get(9), 10)).isEmpty();
            assertThat(store.after("lobby", 0, 2)).extracting(StoredMessage::text).containsExactly("m0", "m1");
            assertThat(store.after("other", 0, 10)).extracting(StoredMessage::text).containsExactly("elsewhere");
        }
    }

    @Test
    @DisplayName("a ref already stored in that room is not stored again: the earlier message comes back, not fresh")
    void refsAreIdempotent() throws Exception {
        try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"))) {
            StoredMessage original = store.append(List.of(draft("lobby", "hello", "r-1"))).get(0).message();
            List<Appended> again = store.append(List.of(draft("lobby", "hello (sent again)", "r-1"), draft("other", "hello", "r-1"),
                    draft("lobby", "new", "r-2"), draft("lobby", "new twice in one batch", "r-2")));
            assertThat(again.get(0)).isEqualTo(new Appended(original, false));
            assertThat(again.get(1).fresh()).as("the same ref in another room is another message").isTrue();
            assertThat(again.get(2).fresh()).isTrue();
            assertThat(again.get(3)).isEqualTo(new Appended(again.get(2).message(), false));
            assertThat(store.recent("lobby", 10)).extracting(StoredMessage::text).containsExactly("hello", "new");
        }
    }

    @Test
    @DisplayName("a batch is one transaction: when a draft fails, none of the batch is stored")
    void batchIsAtomic() throws Exception {
        try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"))) {
            store.append(List.of(draft("lobby", "before", "r0")));
            List<Draft> bad = new ArrayList<>(drafts("lobby", 1, 3));
            bad.add(new Draft("lobby", null, "no nick: NOT NULL says no", 0, "bad"));
            assertThatThrownBy(() -> store.append(bad)).isInstanceOf(SQLException.class);
            assertThat(store.recent("lobby", 10)).extracting(StoredMessage::text).containsExactly("before");
            store.append(drafts("lobby", 1, 3)); // and the store is still usable
            assertThat(store.recent("lobby", 10)).hasSize(4);
        }
    }

    @Test
    @DisplayName("after a restart every message is there and ids continue; an id is never given out twice (AUTOINCREMENT)")
    void restartAndIds() throws Exception {
        Path file = dir.resolve("h.db");
        long last;
        try (HistoryStore store = HistoryStore.open(file)) {
            List<Appended> a = store.append(drafts("lobby", 0, 3));
            last = a.get(2).message().id();
        }
        // someone deletes the newest message while the server is down
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement()) {
            assertThat(s.executeUpdate("DELETE FROM messages WHERE text = 'm2'")).isEqualTo(1);
        }
        try (HistoryStore store = HistoryStore.open(file)) {
            assertThat(store.recent("lobby", 10)).extracting(StoredMessage::text).containsExactly("m0", "m1");
            long next = store.append(List.of(draft("lobby", "after restart", "r9"))).get(0).message().id();
            // a client that saw m2 resumes "after <last>": a reused id would hide this message from it
            assertThat(next).isGreaterThan(last);
            assertThat(store.after("lobby", last, 10)).extracting(StoredMessage::text).containsExactly("after restart");
        }
    }

    @Test
    @DisplayName("a commit is visible to another connection at once (in the -wal file), and reads see later commits")
    void walVisibility() throws Exception {
        Path file = dir.resolve("h.db");
        try (HistoryStore store = HistoryStore.open(file);
             Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(store.recent("lobby", 10)).isEmpty();
            store.append(drafts("lobby", 0, 2));
            assertThat(Path.of(file + "-wal")).as("WAL: the commit went to the log").exists();
            try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM messages")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            // this store reads, another writer (the same file opened again) adds one, and this store's
            // next read must see it: a read left open would keep its old snapshot
            assertThat(store.recent("lobby", 10)).hasSize(2);
            try (HistoryStore other = HistoryStore.open(file)) {
                other.append(List.of(draft("lobby", "from the other", "x")));
            }
            assertThat(store.recent("lobby", 10)).extracting(StoredMessage::text).containsExactly("m0", "m1", "from the other");
        }
    }

    @Test
    @DisplayName("close ends the connection: the last one out checkpoints the -wal into the database file, which then holds every message alone")
    void closeCheckpoints() throws Exception {
        Path file = dir.resolve("h.db");
        HistoryStore store = HistoryStore.open(file);
        store.append(drafts("lobby", 0, 3));
        assertThat(Path.of(file + "-wal")).as("before close, the commits are in the log").exists();
        store.close();
        assertThat(Path.of(file + "-wal")).as("the last connection closed: log checkpointed and removed").doesNotExist();
        // the file alone, copied without any -wal beside it (a backup of a stopped server)
        Path copy = Files.copy(file, Files.createDirectory(dir.resolve("backup")).resolve("h.db"));
        try (HistoryStore restored = HistoryStore.open(copy)) {
            assertThat(restored.recent("lobby", 10)).extracting(StoredMessage::text).containsExactly("m0", "m1", "m2");
        }
    }

    @Test
    @DisplayName("texts are data, never SQL; any Unicode comes back as stored")
    void textsAreData() throws Exception {
        try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"))) {
            String evil = "'); DROP TABLE messages; --";
            String unicode = "😀 ö 漢字 \u2028 \"quoted\"";
            store.append(List.of(draft("lobby", evil, "a"), new Draft("lobby", "O'Brien", unicode, 5, "b")));
            assertThat(store.recent("lobby", 10)).extracting(StoredMessage::text).containsExactly(evil, unicode);
            assertThat(store.recent("lobby", 10).get(1).nick()).isEqualTo("O'Brien");
        }
    }

    @Test
    @DisplayName("a batch of 2,000 messages is one append")
    void bigBatch() throws Exception {
        try (HistoryStore store = HistoryStore.open(dir.resolve("h.db"))) {
            List<Appended> all = store.append(drafts("lobby", 0, 2000));
            assertThat(all).hasSize(2000).allMatch(Appended::fresh);
            assertThat(store.recent("lobby", 100)).hasSize(100).first().extracting(StoredMessage::text).isEqualTo("m1900");
            assertThat(Files.size(dir.resolve("h.db-wal"))).isPositive();
        }
    }
}
