package ai.gallop.cli;

import ai.gallop.eval.ReportComparison;
import ai.gallop.eval.ReportWriter;
import ai.gallop.eval.SuiteReport;
import ai.gallop.media.AtomicFiles;
import ai.gallop.media.Png;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gallop compare}: two or more reports of one suite (folders written by {@code gallop eval}), each against
 * the first, prompt by prompt: is the new model or setting better, and by more than the prompts' sampling explains?
 * Prints the table; with --out also writes compare.md and compare.png.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare 'gallop eval' reports of one suite, each against the first, prompt by prompt (paired differences with 95%% intervals).")
public final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "REPORT", description = "Report folders written by 'gallop eval'; the first is the baseline.")
    List<Path> reports;

    @Option(names = "--names", split = ",", paramLabel = "NAME", description = "A label per report (default: the folders' names).")
    List<String> names;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write compare.md and compare.png here.")
    Path out;

    @Override public Integer call() throws IOException {
        if (names != null && names.size() != reports.size())
            throw new BadInputException("--names gives " + names.size() + " labels for " + reports.size() + " reports; allowed: one label per report");
        List<String> labels = names != null ? names : reports.stream().map(p -> p.toAbsolutePath().normalize().getFileName().toString()).toList();
        ReportComparison comparison;
        try {
            List<SuiteReport> loaded = new ArrayList<>();
            for (Path folder : reports) loaded.add(ReportWriter.read(folder));
            comparison = ReportComparison.of(labels, loaded);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        String md = "# " + String.join(" vs ", labels) + " (suite " + comparison.suite() + ")\n\n"
                + "Means per dimension, then each report minus the first over the clips both scored, with its 95% bootstrap interval;"
                + " bold where the interval leaves out zero.\n\n" + comparison.markdown();
        System.out.print(comparison.markdown());
        if (out != null) {
            WorldCommand.prepareFolder(out);
            AtomicFiles.write(out.resolve("compare.md"), md.getBytes(StandardCharsets.UTF_8));
            Png.write(out.resolve("compare.png"), comparison.chart());
            System.out.println("wrote " + out.resolve("compare.md") + " and " + out.resolve("compare.png"));
        }
        return GallopCli.EXIT_OK;
    }
}
