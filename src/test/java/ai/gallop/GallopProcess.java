package ai.gallop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A `gallop` command in a JVM of its own, for tests that stop or kill it as a user or a service manager would; its
 * output (stdout and stderr together) is read line by line as it comes, also after a stop.
 */
public final class GallopProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private GallopProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) lines.add(line);
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    /** Starts {@code gallop ARGS} in {@code folder} (where a JVM would leave a native crash report) on the test classpath. */
    public static GallopProcess start(Path folder, String... args) throws IOException {
        return start(folder, List.of(), args);
    }

    /** As {@link #start(Path, String...)} with more JVM options (system properties, say). */
    public static GallopProcess start(Path folder, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "ai.gallop.cli.GallopCli"));
        command.addAll(List.of(args));
        return new GallopProcess(new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start());
    }

    /** The first line so far or to come that matches; an AssertionError with the output if none does in time. */
    public Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int seen = 0; ; ) {
            boolean ended = !reader.isAlive();  // read before the lines: an ended reader has added its last one
            List<String> now = lines();
            for (; seen < now.size(); seen++) {
                Matcher m = pattern.matcher(now.get(seen));
                if (m.find()) return m;
            }
            if (ended || System.nanoTime() > deadline)
                throw new AssertionError("no line matching '" + pattern + "' " + (ended ? "before the process ended" : "in " + timeout)
                        + "; its output:\n" + String.join("\n", now));
            Thread.sleep(20);
        }
    }

    /** SIGTERM (Ctrl-C's way to stop a JVM): the shutdown hooks run, and what it prints next is still read. */
    public void terminate() {
        process.toHandle().destroy();  // Process.destroy would also close our end of its output
    }

    /** SIGKILL: no hook runs. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits for the process to end and its output to be read; whether it ended in time. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) return false;
        reader.join(10_000);
        return true;
    }

    public int exitValue() { return process.exitValue(); }

    public boolean isAlive() { return process.isAlive(); }

    /** The lines printed so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override public void close() {
        process.destroyForcibly();
    }
}
