package ai.gallop.cli;

import ai.gallop.arena.BattleLog;
import ai.gallop.arena.Battle;
import ai.gallop.arena.BradleyTerry;
import ai.gallop.arena.Leaderboard;
import ai.gallop.arena.LeaderboardTable;
import ai.gallop.arena.Pool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gallop arena}: leaderboards from pairwise battles, one per pool. */
@Command(name = "arena", mixinStandardHelpOptions = true,
        description = "Arena statistics: Bradley-Terry leaderboards with bootstrap intervals from pairwise battles.",
        subcommands = {ArenaCommand.Fit.class}, synopsisSubcommandLabel = "COMMAND")
public final class ArenaCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Print a leaderboard per pool with 95%% bootstrap intervals from a battles file.")
    public static final class Fit implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "BATTLES", description = "Battles as JSON lines, one battle object per line.")
        Path battles;

        @Option(names = "--pool", paramLabel = "P", description = "Only this pool: t2v, i2v, t2v-audio or i2v-audio (default: every pool present).")
        String pool;

        @Option(names = "--rounds", paramLabel = "N", description = "Bootstrap rounds, 10 to 10000 (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
        int rounds;

        @Option(names = "--seed", paramLabel = "S", description = "Bootstrap seed; the same seed gives the same intervals (default: ${DEFAULT-VALUE}).", defaultValue = "0")
        long seed;

        @Option(names = "--anchor", paramLabel = "MODEL", description = "Fix this model at 1000 instead of the mean rating.")
        String anchor;

        @Option(names = "--markdown", description = "Print Markdown tables instead of aligned text.")
        boolean markdown;

        @Override public Integer call() throws IOException {
            Pool only = pool == null ? null : Pool.parse(pool);
            BradleyTerry fitter = new BradleyTerry(BradleyTerry.DEFAULT_L2, anchor);
            List<Battle> all = new BattleLog(battles).readAll();
            if (all.isEmpty()) throw new IllegalArgumentException("no battles in " + battles + "; expected one battle object per line");
            List<Leaderboard> boards = only == null ? Leaderboard.fitEach(all, fitter, rounds, seed)
                    : List.of(Leaderboard.fit(only, all, fitter, rounds, seed));
            PrintWriter out = spec.commandLine().getOut();
            for (int i = 0; i < boards.size(); i++) {
                if (i > 0) out.println();
                out.print(markdown ? LeaderboardTable.markdown(boards.get(i)) : LeaderboardTable.text(boards.get(i)));
            }
            out.flush();
            return GallopCli.EXIT_OK;
        }
    }
}
