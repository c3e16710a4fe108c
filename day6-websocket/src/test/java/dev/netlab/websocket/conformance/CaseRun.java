package dev.netlab.websocket.conformance;

import dev.netlab.websocket.Frames;
import dev.netlab.websocket.RawClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One Autobahn-style case against a server: what the client sends, what it observes, and the
 * judgement, modelled on crossbario/autobahn-testsuite's fuzzing client: a case passes when
 * the observed frames match the expected ones; the close is judged apart (a clean close with
 * an allowed code, and the server closing TCP first).
 */
public final class CaseRun {
    public static final Duration WAIT = Duration.ofSeconds(3);

    private final RawClient client;
    private Verdict verdict = Verdict.OK;
    private final List<String> notes = new ArrayList<>();

    CaseRun(RawClient client) {
        this.client = client;
    }

    public RawClient client() {
        return client;
    }

    /** Sends; a server that already failed the connection may have closed it under us, which the judging then sees. */
    public void send(byte[]... frames) {
        try {
            client.send(Frames.concat(frames));
        } catch (IOException closedByServer) {
            notes.add("send: " + closedByServer.getMessage());
        }
    }

    public void sendChopped(int chop, byte[]... frames) {
        try {
            client.sendChopped(Frames.concat(frames), chop);
        } catch (IOException closedByServer) {
            notes.add("send: " + closedByServer.getMessage());
        }
    }

    /** After a Close from the server has been read: nothing more may come, and the server closes TCP. */
    public void expectTcpClose() throws IOException {
        List<Frames.Frame> rest = client.readUntilClosed(Duration.ofSeconds(5));
        if (!rest.isEmpty() && rest.get(rest.size() - 1) == null) {
            fail("the server did not close TCP within 5 s of its Close");
        } else if (!rest.isEmpty()) {
            fail("frames after the server's Close: " + rest);
        }
    }

    void downgrade(Verdict v, String why) {
        if (v.ordinal() > verdict.ordinal()) {
            verdict = v;
        }
        notes.add(v + ": " + why);
    }

    public void fail(String why) {
        downgrade(Verdict.FAILED, why);
    }

    /** The next frame must be {@code opcode} with exactly this payload. */
    public Frames.Frame expect(int opcode, byte[] payload) throws IOException {
        Frames.Frame f = client.poll(WAIT);
        if (f == null) {
            fail("expected opcode " + opcode + " (" + payload.length + " octets), got nothing or the end of the stream");
            return null;
        }
        if (f.opcode() != opcode || !java.util.Arrays.equals(f.payload(), payload)) {
            fail("expected opcode " + opcode + " with " + payload.length + " octets, got " + f);
        }
        return f;
    }

    /** Nothing may arrive within {@code d}. */
    public void expectNothing(Duration d) throws IOException {
        Frames.Frame f = client.poll(d);
        if (f != null) {
            fail("expected nothing, got " + f);
        }
    }

    /**
     * The usual ending: the client sends Close 1000; the server must answer Close 1000 and close
     * TCP (Autobahn's "clean close with normal code").
     */
    public void closeNormally() throws IOException {
        send(Frames.client(true, Frames.CLOSE, Frames.closePayload(1000, "")));
        judgeClose(List.of(1000), false);
    }

    /**
     * The connection must be failed: a Close with one of {@code codes}, then TCP closed by the
     * server. Frames before the Close that {@code tolerated} allows (an echo the case sent
     * earlier) are fine; anything else after the bad frame is NON_STRICT (failing late).
     */
    public void expectFailure(List<Integer> codes) throws IOException {
        judgeClose(codes, true);
    }

    private void judgeClose(List<Integer> codes, boolean failing) throws IOException {
        List<Frames.Frame> rest = client.readUntilClosed(Duration.ofSeconds(5));
        boolean tcpClosed = rest.isEmpty() || rest.get(rest.size() - 1) != null;
        List<Frames.Frame> frames = rest.stream().filter(java.util.Objects::nonNull).toList();
        Frames.Frame close = frames.stream().filter(f -> f.opcode() == Frames.CLOSE).findFirst().orElse(null);
        long before = frames.stream().takeWhile(f -> f.opcode() != Frames.CLOSE).count();
        if (before > 0) {
            downgrade(failing ? Verdict.NON_STRICT : Verdict.FAILED, before + " frame(s) before the Close: " + frames.get(0));
        }
        if (!tcpClosed) {
            fail("the server did not close TCP within 5 s");
        }
        if (close == null) {
            if (failing) {
                downgrade(Verdict.NON_STRICT, "TCP dropped without a Close frame");
            } else {
                fail("no Close frame in answer to ours");
            }
            return;
        }
        if (!codes.contains(close.closeCode())) {
            fail("close code " + close.closeCode() + ", expected one of " + codes);
        }
    }

    public Verdict verdict() {
        return verdict;
    }

    public List<String> notes() {
        return notes;
    }
}
