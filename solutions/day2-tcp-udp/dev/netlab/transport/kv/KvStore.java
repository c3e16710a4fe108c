package dev.netlab.transport.kv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The key-value store and its commands: one request payload in, one response payload out. */
public final class KvStore {
    private final ConcurrentMap<String, String> entries = new ConcurrentHashMap<>();

    public byte[] execute(byte[] request) {
        return answer(new String(request, UTF_8)).getBytes(UTF_8);
    }

    private String answer(String request) {
        if (request.isEmpty()) {
            return "-ERR empty request";
        }
        int space = request.indexOf(' ');
        String command = space < 0 ? request : request.substring(0, space);
        String args = space < 0 ? null : request.substring(space + 1);
        return switch (command) {
            case "PING" -> args == null ? "+PONG" : arity(command);
            case "GET" -> {
                if (!isKey(args)) {
                    yield arity(command);
                }
                String v = entries.get(args);
                yield v == null ? "_" : "$" + v;
            }
            case "DEL" -> isKey(args) ? (entries.remove(args) != null ? ":1" : ":0") : arity(command);
            case "SET" -> {
                int second = args == null ? -1 : args.indexOf(' ');
                if (second <= 0) {
                    yield arity(command); // no value, or an empty key
                }
                entries.put(args.substring(0, second), args.substring(second + 1));
                yield "+OK";
            }
            default -> "-ERR unknown command '" + command + "'";
        };
    }

    /** A key is non-empty and has no space. */
    private static boolean isKey(String s) {
        return s != null && !s.isEmpty() && s.indexOf(' ') < 0;
    }

    private static String arity(String command) {
        return "-ERR wrong number of arguments for '" + command + "'";
    }

    public int size() {
        return entries.size();
    }
}
