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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

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

    @Option(names = "--without", paramLabel = "REPORT", description = "Leave out every clip this report scored (e.g. the "
            + "prompts a choice was made on) and compare on the rest; FGD is then not shown.")
    Path without;

    @Override public Integer call() throws IOException {
        if (names != null && names.size() != reports.size())
            throw new BadInputException("--names gives " + names.size() + " labels for " + reports.size() + " reports; allowed: one label per report");
        List<String> labels = names != null ? names : reports.stream().map(p -> p.toAbsolutePath().normalize().getFileName().toString()).toList();
        ReportComparison comparison;
        try {
            List<SuiteReport> loaded = new ArrayList<>();
            for (Path folder : reports) loaded.add(ReportWriter.read(folder));
            if (without != null) loaded = leaveOut(ReportWriter.read(without), loaded, labels);
            comparison = ReportComparison.of(labels, loaded);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        String md = "# " + String.join(" vs ", labels) + " (suite " + comparison.suite() + ")"
                + (without == null ? "" : ", without the clips of " + without) + "\n\n"
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

    /** Each report without the clips {@code leftOut} scored; refused when it is another suite's or leaves nothing. */
    private List<SuiteReport> leaveOut(SuiteReport leftOut, List<SuiteReport> loaded, List<String> labels) {
        if (!leftOut.suite().equals(loaded.getFirst().suite()))
            throw new IllegalArgumentException("--without " + without + " scores suite " + leftOut.suite() + ", the reports' suite "
                    + loaded.getFirst().suite() + "; allowed: a report of the same suite");
        Set<String> ids = leftOut.results().stream().map(SuiteReport.Clip::id).collect(Collectors.toSet());
        List<SuiteReport> kept = new ArrayList<>();
        for (int i = 0; i < loaded.size(); i++) {
            SuiteReport rest = loaded.get(i).without(ids, 0);
            if (rest.clips() == 0)
                throw new IllegalArgumentException("--without " + without + " leaves no clip of " + labels.get(i)
                        + "; allowed: a report that scored only part of the suite (e.g. one made with --stride)");
            kept.add(rest);
        }
        return kept;
    }
}
