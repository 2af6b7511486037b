package ai.gallop.cli;

import ai.gallop.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Entry point of {@code bin/gallop}. Every command reports bad input as one line on stderr and exits
 * with code 2; unexpected failures exit with 1 and a one-line summary (the stack trace only with
 * GALLOP_DEBUG=1), so scripts can tell "you asked for something wrong" from "Gallop broke".
 */
@Command(name = "gallop", mixinStandardHelpOptions = true, versionProvider = GallopCli.VersionInfo.class,
        description = "Text, image and reference to video with synchronized sound: a procedural world, "
                + "a unified audio-video transformer, an evaluator and an arena.",
        subcommands = {GenerateCommand.class, InfoCommand.class, BenchCommand.class, WorldCommand.class, EvalCommand.class, CurveCommand.class, CompareCommand.class, ArenaCommand.class, ServeCommand.class, TrainCommand.class, TrainAutoencoderCommand.class, ExportCommand.class, CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class GallopCli implements Runnable {
    public static final int EXIT_OK = 0, EXIT_FAILURE = 1, EXIT_BAD_INPUT = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        NativeLibraries.unpackOnce();
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; used by main and by tests. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** A command line that prints to the given writers; tests capture output this way. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new GallopCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, args) -> badParameters(e, err));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, cmd, err));
        return cl;
    }

    private static int badParameters(CommandLine.ParameterException e, PrintWriter err) {
        err.println("gallop: " + firstLine(e.getMessage()) + " (see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    private static int failure(Exception e, CommandLine cmd, PrintWriter err) {
        boolean bad = isBadInput(e);
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + describe(e));
        if ("1".equals(System.getenv("GALLOP_DEBUG"))) e.printStackTrace(err);
        err.flush();
        return bad ? EXIT_BAD_INPUT : EXIT_FAILURE;
    }

    /** Input the user can fix: a bad value, or a file that is missing, unreadable or unwritable. */
    static boolean isBadInput(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof BadInputException
                || e instanceof IOException || e instanceof UncheckedIOException;
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException n) return "no such file: " + n.getFile();
        if (e instanceof AccessDeniedException a) return "permission denied: " + a.getFile();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        return firstLine(m);
    }

    static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    static final class VersionInfo implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() { return new String[]{Version.NAME + " " + Version.VERSION}; }
    }
}
