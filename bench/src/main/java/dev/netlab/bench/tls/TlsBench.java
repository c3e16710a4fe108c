package dev.netlab.bench.tls;

import dev.netlab.bench.http1.ServerProcess;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.tls.ServerIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** What the day-4 suites share: medians, strict mode, their work directory, nginx with TLS. */
final class TlsBench {
    private TlsBench() {}

    static final String MODULE = "day4-tls";

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** CI=true or -Dlab.strict=true: a missing tool fails instead of being left out. */
    static boolean strict() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("lab.strict");
    }

    /** bench/target/&lt;suite&gt; from the repository root (./lab bench), else target/&lt;suite&gt; (Surefire runs in bench/). */
    static Path workDirectory(String suite) throws IOException {
        Path dir = Files.isDirectory(Path.of("bench", "target")) ? Path.of("bench", "target") : Path.of("target");
        Path work = dir.resolve(suite);
        Files.createDirectories(work);
        return work;
    }

    /**
     * nginx with {@code workers} workers serving {@link HelloHttps#PATH} over TLS with the lab
     * CA's {@code localhost} certificate and day 4's policy written the nginx way (TLS 1.3 and
     * 1.2, the same suites and groups in the same order, the server's order); session tickets
     * on, as by default (the keys are made once in the master, so both workers resume each
     * other's tickets). Null when nginx is not installed and the run is not strict.
     */
    static ServerProcess nginx(int workers, Path work, String suite) throws IOException, InterruptedException {
        Path nginx = ServerProcess.findNginx();
        if (nginx == null) {
            String hint = "nginx is not installed (Debian/Ubuntu: apt-get install nginx-light)";
            if (strict()) {
                throw new IllegalStateException(hint);
            }
            System.err.println(suite + ": " + hint + ", so no nginx beside");
            return null;
        }
        ServerIdentity identity = DevCertificates.standard().server();
        String name = "nginx-tls-" + workers;
        return ServerProcess.nginx(nginx, workers, work.resolve(name), name, port -> String.format(Locale.ROOT, """
                    server {
                        listen 127.0.0.1:%d ssl backlog=1024;
                        ssl_certificate %s;
                        ssl_certificate_key %s;
                        ssl_protocols TLSv1.2 TLSv1.3;
                        ssl_prefer_server_ciphers on;
                        ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256;
                        ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305;
                        ssl_ecdh_curve X25519:prime256v1:secp384r1;
                        ssl_session_tickets on;
                        location = %s {
                            default_type "%s";
                            add_header Strict-Transport-Security "%s" always;
                            return 200 "Hello, World!";
                        }
                    }
                """, port, identity.certificateFile().toAbsolutePath(), identity.privateKeyFile().toAbsolutePath(),
                HelloHttps.PATH, HelloHttps.CONTENT_TYPE, HelloHttps.HSTS));
    }
}
