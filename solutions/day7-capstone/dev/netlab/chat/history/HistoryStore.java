package dev.netlab.chat.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The chat's history in an embedded SQLite database (one file plus its {@code -wal}).
 *
 * <ul>
 *   <li><b>WAL</b> (write-ahead log): a commit appends to the log instead of rewriting pages,
 *       and readers are not blocked by the writer.</li>
 *   <li><b>{@code synchronous=FULL}</b>: every commit is fsynced to the log before
 *       {@link #append} returns, so an acknowledged message survives a {@code kill -9} and a
 *       power cut alike ({@code NORMAL} in WAL mode survives a crash of the process but may
 *       lose the last commits on power loss: not what "acknowledged" promises).</li>
 *   <li><b>one transaction per batch</b>: the sequencer hands over every message that arrived
 *       meanwhile, so one fsync pays for many messages (group commit).</li>
 *   <li><b>{@code AUTOINCREMENT}</b>: an id is never given out twice, not even after the
 *       newest rows were deleted, so a client resuming "after 41" never misses a new 41.</li>
 * </ul>
 *
 * One instance is used by one thread (the sequencer).
 */
public final class HistoryStore implements AutoCloseable {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS messages (
              id   INTEGER PRIMARY KEY AUTOINCREMENT,
              room TEXT NOT NULL,
              nick TEXT NOT NULL,
              text TEXT NOT NULL,
              ts   INTEGER NOT NULL,
              ref  TEXT
            );
            CREATE INDEX IF NOT EXISTS messages_by_room ON messages(room, id);
            CREATE UNIQUE INDEX IF NOT EXISTS messages_by_ref ON messages(room, ref) WHERE ref IS NOT NULL;
            """;

    private final Connection db;
    private final PreparedStatement insert;
    private final PreparedStatement byRef;
    private final PreparedStatement recent;
    private final PreparedStatement after;

    private HistoryStore(Connection db) throws SQLException {
        this.db = db;
        this.insert = db.prepareStatement("INSERT INTO messages(room, nick, text, ts, ref) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING RETURNING id");
        this.byRef = db.prepareStatement("SELECT id, room, nick, text, ts FROM messages WHERE room = ? AND ref = ?");
        this.recent = db.prepareStatement("SELECT id, room, nick, text, ts FROM messages WHERE room = ? ORDER BY id DESC LIMIT ?");
        this.after = db.prepareStatement("SELECT id, room, nick, text, ts FROM messages WHERE room = ? AND id > ? ORDER BY id LIMIT ?");
    }

    /** Opens (creating if needed) the database at {@code file}, in WAL mode with full sync. */
    public static HistoryStore open(Path file) throws SQLException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=5000");
            s.executeUpdate(SCHEMA);
            db.setAutoCommit(false);
            db.commit();
            return new HistoryStore(db);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Stores {@code drafts} in one transaction, in order, and returns what became of each (same
     * order). When this returns, every message is on disk. A draft with the ref of a message
     * already stored in its room is not stored again: its {@link Appended} is the earlier message
     * with {@code fresh == false}. On an exception nothing of the batch is stored.
     */
    public List<Appended> append(List<Draft> drafts) throws SQLException {
        List<Appended> out = new ArrayList<>(drafts.size());
        try {
            for (Draft d : drafts) {
                insert.setString(1, d.room());
                insert.setString(2, d.nick());
                insert.setString(3, d.text());
                insert.setLong(4, d.ts());
                insert.setString(5, d.ref());
                try (ResultSet rs = insert.executeQuery()) {
                    if (rs.next()) {
                        out.add(new Appended(new StoredMessage(rs.getLong(1), d.room(), d.nick(), d.text(), d.ts()), true));
                        continue;
                    }
                }
                out.add(new Appended(earlier(d), false)); // the unique (room, ref) index said no
            }
            db.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    private StoredMessage earlier(Draft d) throws SQLException {
        byRef.setString(1, d.room());
        byRef.setString(2, d.ref());
        try (ResultSet rs = byRef.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("a conflict on (room, ref) without a stored row for " + d.ref());
            }
            return row(rs);
        }
    }

    /** The newest {@code limit} messages of {@code room}, oldest first. */
    public List<StoredMessage> recent(String room, int limit) throws SQLException {
        recent.setString(1, room);
        recent.setInt(2, limit);
        List<StoredMessage> list = rows(recent);
        Collections.reverse(list);
        return list;
    }

    /** At most {@code limit} messages of {@code room} with an id above {@code afterId}, oldest first. */
    public List<StoredMessage> after(String room, long afterId, int limit) throws SQLException {
        after.setString(1, room);
        after.setLong(2, afterId);
        after.setInt(3, limit);
        return rows(after);
    }

    /** The journal mode SQLite reports ("wal"). */
    public String journalMode() throws SQLException {
        String mode;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            mode = rs.getString(1);
        }
        db.commit();
        return mode;
    }

    private List<StoredMessage> rows(PreparedStatement query) throws SQLException {
        List<StoredMessage> list = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                list.add(row(rs));
            }
        }
        db.commit(); // end the read transaction: a WAL reader holds its snapshot until then
        return list;
    }

    private static StoredMessage row(ResultSet rs) throws SQLException {
        return new StoredMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
    }

    /** Closes the database; SQLite checkpoints the log into the main file when the last connection closes. */
    @Override
    public void close() throws SQLException {
        db.close();
    }
}
