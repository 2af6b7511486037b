package ai.gallop.cli;

import ai.gallop.Json;
import ai.gallop.eval.QualityCurve;
import ai.gallop.eval.SuiteReport;
import ai.gallop.media.AtomicFiles;
import ai.gallop.media.Png;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gallop curve}: the quality-versus-compute curve of a training run, from the reports that
 * {@code gallop eval --model CHECKPOINT} wrote for several of its checkpoints (each report folder holds the
 * checkpoint's step and training time in model.json). Writes curve.png and curve.md.
 */
@Command(name = "curve", mixinStandardHelpOptions = true,
        description = "Draw evaluator scores against training steps from reports of 'gallop eval --model CHECKPOINT'; writes curve.png and curve.md.")
public final class CurveCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "REPORT", description = "Report folders written by 'gallop eval --model', one per checkpoint.")
    List<Path> reports;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for curve.png and curve.md.")
    Path out;

    @Option(names = "--title", paramLabel = "TEXT", description = "Title of the plot (default: ${DEFAULT-VALUE}).", defaultValue = "quality vs training steps")
    String title;

    @Override public Integer call() throws IOException {
        List<QualityCurve.Point> points = new ArrayList<>();
        String suite = null;
        for (Path folder : reports) {
            Path reportFile = folder.resolve(ai.gallop.eval.ReportWriter.REPORT_FILE), cardFile = folder.resolve(EvalCommand.ModelCard.FILE);
            if (!Files.isRegularFile(reportFile) || !Files.isRegularFile(cardFile))
                throw new BadInputException(folder + " lacks report.json or model.json; allowed: a folder written by 'gallop eval --model CHECKPOINT'");
            SuiteReport report;
            EvalCommand.ModelCard card;
            try {
                report = Json.read(reportFile, SuiteReport.class);
                card = Json.read(cardFile, EvalCommand.ModelCard.class);
            } catch (RuntimeException e) {
                throw new BadInputException(folder + " holds an unreadable report: " + e.getMessage());
            }
            if (card.step() == null)
                throw new BadInputException(folder + " was made from a model without training state; allowed: reports of run checkpoints");
            if (suite != null && !suite.equals(report.suite()))
                throw new BadInputException(folder + " scores suite " + report.suite() + ", the others " + suite + "; allowed: one suite per curve");
            suite = report.suite();
            double cpu = card.trainingSeconds() == null || card.threads() == null ? Double.NaN : card.trainingSeconds() * card.threads();
            points.add(new QualityCurve.Point(card.step(), card.clipsSeen() == null ? 0 : card.clipsSeen(), cpu, report));
        }
        WorldCommand.prepareFolder(out);
        Png.write(out.resolve("curve.png"), QualityCurve.render(points, title));
        String md = "# " + title + " (suite " + suite + ")\n\nMean score per dimension over the suite's clips at each checkpoint; "
                + "CPU-hours = training wall time x libtorch threads.\n\n" + QualityCurve.table(points);
        AtomicFiles.write(out.resolve("curve.md"), md.getBytes(StandardCharsets.UTF_8));
        System.out.println("curve of " + points.size() + " checkpoint" + (points.size() == 1 ? "" : "s") + " in " + out);
        return GallopCli.EXIT_OK;
    }
}
