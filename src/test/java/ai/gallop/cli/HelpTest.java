package ai.gallop.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's help prints cleanly: picocli formats descriptions, so a bare '%' in one breaks its text. */
class HelpTest {
    @Test
    void everyHelpPageRendersWithoutAFormattingWarning() {
        Set<String> commands = GallopCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getSubcommands().keySet();
        assertThat(commands).contains("generate", "compare", "train");
        String[] top = help("--help");
        assertThat(top[1]).doesNotContain("WARN");
        assertThat(top[0]).contains("compare").contains("95%").doesNotContain("%%");
        for (String command : commands) {
            String[] page = help(command, "--help");
            assertThat(page[0]).as(command).contains("Usage: gallop " + command).doesNotContain("%n");
            assertThat(page[1]).as(command).doesNotContain("WARN");
        }
    }

    /** The command's stdout and stderr, as bin/gallop prints them. */
    private static synchronized String[] help(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(GallopCli.execute(args)).as(String.join(" ", args)).isZero();
            return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
