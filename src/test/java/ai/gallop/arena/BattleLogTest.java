package ai.gallop.arena;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BattleLogTest {
    private static final String GOOD = "{\"pool\":\"t2v\",\"modelA\":\"a\",\"modelB\":\"b\",\"prompt\":\"p\",\"outcome\":\"a\"}";

    @TempDir Path tmp;

    @Test void appendedBattlesReadBackInOrderOnePerLine() throws IOException {
        BattleLog log = new BattleLog(tmp.resolve("battles.jsonl"));
        Battle first = new Battle(Pool.T2V_AUDIO, "gallop-s", "gallop-m", "a red ball bounces\non the beach", Outcome.BOTH_BAD);
        Battle second = new Battle(Pool.I2V, "x", "y", "", Outcome.TIE, "voter-17", "2025-01-31T12:00:00Z");
        Battle third = new Battle(Pool.T2V, "y", "x", "一匹马", Outcome.B, "auto:adherence", null);
        log.append(first);
        log.appendAll(List.of(second, third));
        assertThat(log.readAll()).containsExactly(first, second, third);
        List<String> lines = Files.readAllLines(log.file(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("{\"pool\":\"t2v-audio\",\"modelA\":\"gallop-s\",\"modelB\":\"gallop-m\","
                + "\"prompt\":\"a red ball bounces\\non the beach\",\"outcome\":\"both_bad\"}");
        assertThat(lines.get(1)).endsWith("\"outcome\":\"tie\",\"judge\":\"voter-17\",\"time\":\"2025-01-31T12:00:00Z\"}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"pool\":\"t2v\",\"modelA\":\"a\"                                                       | not a valid battle: Unexpected end-of-input",
            "{\"pool\":\"t3v\",\"modelA\":\"a\",\"modelB\":\"b\",\"prompt\":\"p\",\"outcome\":\"a\"} | unknown pool 't3v'; allowed: t2v, i2v, t2v-audio, i2v-audio",
            "{\"pool\":\"t2v\",\"modelA\":\"a\",\"modelB\":\"b\",\"prompt\":\"p\",\"outcome\":\"win\"} | unknown outcome 'win'; allowed: a, b, tie, both_bad",
            "{\"pool\":\"t2v\",\"modelA\":\"a\",\"modelB\":\"a\",\"prompt\":\"p\",\"outcome\":\"a\"} | model 'a' battles itself",
            "{\"pool\":\"t2v\",\"modelA\":\"a\",\"modelB\":\"b\",\"prompt\":\"p\"}                  | battle has no outcome",
            "{\"pool\":\"t2v\",\"modelA\":\"a\",\"modelB\":\"b\",\"prompt\":\"p\",\"outcome\":\"a\",\"x\":1} | Unrecognized field \"x\"",
            "{\"pool\":\"t2v\",\"modelA\":\"a\",\"modelB\":\"b\",\"prompt\":\"p\",\"outcome\":\"a\",\"time\":\"noon\"} | time 'noon' is not an ISO-8601 instant",
            "`" + GOOD + " " + GOOD + "`                                                              | not a valid battle: Trailing token",
            "null                                                                                     | null is not a battle",
    })
    void aMalformedLineFailsTheReadWithItsLineNumberOnOneLine(String bad, String expected) throws IOException {
        Path file = tmp.resolve("bad.jsonl");
        Files.writeString(file, GOOD + "\n\n" + bad + "\n" + GOOD + "\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new BattleLog(file).readAll())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + " line 3: ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test void anAppendAfterATornLastLineStartsOnAFreshLine() throws IOException {
        Path file = tmp.resolve("torn.jsonl");
        Files.writeString(file, GOOD + "\n{\"pool\":\"t2", StandardCharsets.UTF_8);
        Battle next = new Battle(Pool.T2V, "c", "d", "p", Outcome.B);
        new BattleLog(file).append(next);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(BattleLog.parseLine(lines.get(2))).isEqualTo(next);
        assertThatThrownBy(() -> new BattleLog(file).readAll()).hasMessageStartingWith(file + " line 2: ");
    }

    @Test void aMissingFileIsAnIoError() {
        assertThatThrownBy(() -> new BattleLog(tmp.resolve("none.jsonl")).readAll()).isInstanceOf(NoSuchFileException.class);
    }

    @Test void battlesRejectBadNames() {
        assertThatThrownBy(() -> new Battle(Pool.T2V, " a", "b", "p", Outcome.A)).hasMessageContaining("modelA ' a' is not a valid name");
        assertThatThrownBy(() -> new Battle(Pool.T2V, "a", "", "p", Outcome.A)).hasMessageContaining("modelB '' is not a valid name");
        assertThatThrownBy(() -> new Battle(null, "a", "b", "p", Outcome.A)).hasMessageContaining("battle has no pool");
        assertThat(Pool.parse("I2V_AUDIO")).isEqualTo(Pool.I2V_AUDIO);
        assertThat(Pool.of(true, true)).isEqualTo(Pool.I2V_AUDIO);
        assertThat(Pool.of(false, true)).isEqualTo(Pool.T2V_AUDIO);
        assertThat(Pool.of(true, false)).isEqualTo(Pool.I2V);
        assertThatThrownBy(() -> Pool.parse("audio")).hasMessage("unknown pool 'audio'; allowed: t2v, i2v, t2v-audio, i2v-audio");
        assertThat(Outcome.parse("both-bad")).isEqualTo(Outcome.BOTH_BAD);
    }
}
