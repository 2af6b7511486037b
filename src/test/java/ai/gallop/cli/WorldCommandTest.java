package ai.gallop.cli;

import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class WorldCommandTest {
    @TempDir Path tmp;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = GallopCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream(), sysErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(sysOut));
        System.setErr(new PrintStream(sysErr));
        try {
            int code = cl.execute(args);
            return new Run(code, out + sysOut.toString(), err + sysErr.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static List<String> files(Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test void writesMp4JsonAndContactSheetPerClipAndIsDeterministic() throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        assertThat(run("world", "--count", "2", "--seed", "7", "--out", a.toString()).code()).isZero();
        assertThat(run("world", "--count", "2", "--seed", "7", "--out", b.toString()).code()).isZero();
        assertThat(files(a)).containsExactly("clip-0000.json", "clip-0000.mp4", "clip-0000.png",
                "clip-0001.json", "clip-0001.mp4", "clip-0001.png");
        for (String f : files(a)) assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
    }

    @Test void promptRendersWhatItSays() throws IOException {
        Path out = tmp.resolve("p");
        Run r = run("world", "--prompt", "a brown horse gallops to the right across a meadow", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String json = Files.readString(out.resolve("clip-0000.json"));
        assertThat(json).contains("\"horse\"").contains("\"brown\"").contains("\"gallop\"").contains("\"right\"").contains("\"meadow\"");
    }

    @Test void firstFrameWritesTheWorldsFrameZeroAsAPng() throws IOException {
        Path out = tmp.resolve("f");
        String prompt = "a red ball bounces on a beach";
        Run r = run("world", "--prompt", prompt, "--first-frame", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(files(out)).containsExactly("clip-0000-first.png", "clip-0000.json", "clip-0000.mp4", "clip-0000.png");
        RgbFrame first = Png.read(out.resolve("clip-0000-first.png"));
        World world = new World();
        RgbFrame rendered = world.render(world.parse(prompt).toSpec(0, VideoFormat.DEFAULT)).video().frames().getFirst();
        assertThat(first.width()).isEqualTo(64);
        assertThat(first.rgb()).as("the world's frame 0, exactly").isEqualTo(rendered.rgb());
    }

    @Test void badInputGivesOneLineExitTwoAndNoFiles() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("a-file"), "x");
        Path badSpec = Files.writeString(tmp.resolve("spec.json"), "{\"seed\":1,\"format\":{\"width\":64,\"height\":64,\"fps\":8,\"frames\":17},"
                + "\"shots\":[{\"scene\":\"meadow\",\"camera\":\"static\",\"subjects\":[{\"kind\":\"ball\",\"colour\":\"magenta\","
                + "\"size\":\"small\",\"action\":\"still\",\"direction\":\"none\"}],\"relations\":[]}],\"cutFrame\":0}");
        String[][] cases = {
                {"--prompt", "a purple dragon flies over the beach"},
                {"--size", "0x0"},
                {"--frames", "100000"},
                {"--fps", "0"},
                {"--seconds", "0"},
                {"--lang", "xx"},
                {"--count", "0"},
                {"--size", "banana"},
                {"--spec", badSpec.toString()},
                {"--spec", tmp.resolve("missing.json").toString()},
        };
        for (String[] c : cases) {
            Path out = tmp.resolve("out-" + c[0].substring(2) + "-" + Math.abs(c[1].hashCode()));
            String[] args = Stream.concat(Stream.of("world", "--out", out.toString()), Stream.of(c)).toArray(String[]::new);
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", c) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(String.join(" ", c) + " -> " + r.err()).isEqualTo(1);
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(files(out)).as(String.join(" ", c)).isEmpty();
        }
        Run unwritable = run("world", "--out", blocker.resolve("sub").toString());
        assertThat(unwritable.code()).isEqualTo(2);
        assertThat(unwritable.err().strip().lines().count()).isEqualTo(1);
        assertThat(unwritable.err()).contains("a-file");
        assertThat(Files.readString(blocker)).isEqualTo("x");
    }
}
