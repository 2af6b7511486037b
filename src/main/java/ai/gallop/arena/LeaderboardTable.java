package ai.gallop.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a leaderboard as an aligned plain-text table for the terminal or as a Markdown table. */
public final class LeaderboardTable {
    private static final String[] HEADER = {"Rank", "Model", "Rating", "Lower", "Upper", "Battles", "Win rate"};
    private static final int MODEL_COLUMN = 1;

    private LeaderboardTable() {}

    public static String text(Leaderboard board) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Leaderboard.Row row : board.rows()) lines.add(cells(row));
        int[] width = new int[HEADER.length];
        for (String[] line : lines)
            for (int c = 0; c < line.length; c++) width[c] = Math.max(width[c], line[c].length());
        StringBuilder out = new StringBuilder(board.pool().id()).append(": ").append(summary(board)).append('\n');
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < line.length; c++) {
                if (c > 0) text.append("  ");
                String pad = " ".repeat(width[c] - line[c].length());
                text.append(c == MODEL_COLUMN ? line[c] + pad : pad + line[c]);
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    public static String markdown(Leaderboard board) {
        StringBuilder out = new StringBuilder("### ").append(board.pool().id()).append("\n\n")
                .append(summary(board)).append("\n\n");
        out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        out.append("|---:|:---|---:|---:|---:|---:|---:|\n");
        for (Leaderboard.Row row : board.rows()) {
            String[] cells = cells(row);
            cells[MODEL_COLUMN] = cells[MODEL_COLUMN].replace("\\", "\\\\").replace("|", "\\|");
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return out.toString();
    }

    private static String summary(Leaderboard board) {
        return String.format(Locale.ROOT, "%d models, %d battles; 95%% intervals from %d bootstrap rounds (seed %d); %s at %.0f",
                board.rows().size(), board.battles(), board.rounds(), board.seed(),
                board.anchor() == null ? "mean rating" : "anchor " + board.anchor(), BradleyTerry.MEAN_RATING);
    }

    private static String[] cells(Leaderboard.Row row) {
        return new String[]{Integer.toString(row.rank()), row.model(), points(row.rating()), points(row.lower()),
                points(row.upper()), Integer.toString(row.battles()), String.format(Locale.ROOT, "%.1f%%", 100 * row.winRate())};
    }

    private static String points(double rating) { return String.format(Locale.ROOT, "%.1f", rating); }
}
