package ai.gallop.cli;

import ai.gallop.GallopInProcess;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
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

    private static String[] help(String... args) {
        GallopInProcess.Run run = GallopInProcess.run(args);
        assertThat(run.code()).as(String.join(" ", args)).isZero();
        return new String[] {run.out(), run.err()};
    }
}
