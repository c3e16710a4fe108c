package dev.netlab.chat.history;

import dev.netlab.kit.StubException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * The chat's history in an embedded SQLite database ({@code org.xerial:sqlite-jdbc}: JDBC URL
 * {@code jdbc:sqlite:<absolute path>}; the file and its {@code -wal} beside it).
 *
 * <p>Your job:
 * <ul>
 *   <li>{@code open}: create the parent folders and the file if needed; {@code PRAGMA
 *       journal_mode=WAL} (a commit appends to a log; readers never wait for the writer);
 *       {@code PRAGMA synchronous=FULL} (every commit is fsynced before it returns, so an
 *       acknowledged message survives {@code kill -9} and a power cut); one table with an
 *       {@code INTEGER PRIMARY KEY AUTOINCREMENT} id (an id is never given out twice, not even
 *       after the newest rows were deleted), room, nick, text, ts, ref; an index on
 *       {@code (room, id)} and a UNIQUE one on {@code (room, ref)}. Opening the same file again
 *       (a restart) keeps every message and continues the ids.</li>
 *   <li>{@code append}: every draft of the list in ONE transaction (one fsync for the whole
 *       batch: group commit), ids growing in list order; when it returns the batch is durable.
 *       A draft whose (room, ref) is already stored is not stored again: its result is the
 *       earlier message with {@code fresh == false} ({@code INSERT ... ON CONFLICT DO NOTHING
 *       RETURNING id} tells you which). If anything fails, roll back: nothing of the batch is
 *       stored, and the exception propagates.</li>
 *   <li>{@code recent}: the newest {@code limit} messages of a room, oldest first;
 *       {@code after}: at most {@code limit} messages of a room with an id above
 *       {@code afterId}, oldest first. Other rooms' messages never appear.</li>
 * </ul>
 * Use {@code PreparedStatement}s (never build SQL from a message: {@code '); DROP TABLE} is a
 * valid chat text) and end every read with a commit, or a WAL reader keeps its old snapshot.
 * One instance is used by one thread (the sequencer).
 */
public final class HistoryStore implements AutoCloseable {
    private HistoryStore() {
        // keep the JDBC Connection and the prepared statements in fields
    }

    /** Opens (creating if needed) the database at {@code file}, in WAL mode with full sync. */
    public static HistoryStore open(Path file) throws SQLException {
        throw StubException.notImplemented("7.05", "History in SQLite: WAL, durable batches, replay and resume", "day7-capstone/README.md#history");
    }

    /** Stores {@code drafts} in one durable transaction; what became of each, in order. */
    public List<Appended> append(List<Draft> drafts) throws SQLException {
        throw StubException.notImplemented("7.05", "History in SQLite: WAL, durable batches, replay and resume", "day7-capstone/README.md#history");
    }

    /** The newest {@code limit} messages of {@code room}, oldest first. */
    public List<StoredMessage> recent(String room, int limit) throws SQLException {
        throw StubException.notImplemented("7.05", "History in SQLite: WAL, durable batches, replay and resume", "day7-capstone/README.md#history");
    }

    /** At most {@code limit} messages of {@code room} with an id above {@code afterId}, oldest first. */
    public List<StoredMessage> after(String room, long afterId, int limit) throws SQLException {
        throw StubException.notImplemented("7.05", "History in SQLite: WAL, durable batches, replay and resume", "day7-capstone/README.md#history");
    }

    /** The journal mode SQLite reports for this database ({@code PRAGMA journal_mode}): "wal". */
    public String journalMode() throws SQLException {
        throw StubException.notImplemented("7.05", "History in SQLite: WAL, durable batches, replay and resume", "day7-capstone/README.md#history");
    }

    /** Closes the database. */
    @Override
    public void close() throws SQLException {
        throw StubException.notImplemented("7.05", "History in SQLite: WAL, durable batches, replay and resume", "day7-capstone/README.md#history");
    }
}
