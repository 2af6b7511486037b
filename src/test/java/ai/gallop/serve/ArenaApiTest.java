package ai.gallop.serve;

import ai.gallop.arena.Battle;
import ai.gallop.arena.BattleLog;
import ai.gallop.arena.Outcome;
import ai.gallop.arena.Pool;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The blind arena: hidden names, one vote, names revealed, the vote in the battle log and on the leaderboard. */
class ArenaApiTest {
    @TempDir static Path tmp;
    static ServerFixture s;

    @BeforeAll static void start() throws Exception {
        s = new ServerFixture(ServeConfig.defaults(tmp.resolve("data"), 0).withStepDelay(Duration.ofMillis(100)));
    }

    @AfterAll static void stop() { s.close(); }

    static JsonNode awaitBattle(String id) throws InterruptedException {
        return s.await("/api/arena/battles/" + id, b -> b.get("status").asText().equals("completed"), Duration.ofSeconds(60));
    }

    @Test void aVoteRevealsTheNamesAndMovesTheLeaderboard() throws Exception {
        assertThat(s.get("/api/arena/leaderboard").json().get("pools")).isEmpty();
        ServerFixture.Response created = s.post("/api/arena/battles", "{\"prompt\": \"a red horse gallops across a green meadow\", \"seed\": 4}");
        assertThat(created.status()).as(new String(created.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode battle = created.json();
        String id = battle.get("id").asText();
        assertThat(id).matches("battle_[0-9a-f]{32}");
        assertThat(battle.get("pool").asText()).isEqualTo("t2v-audio");
        String text = new String(created.bytes(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("world-oracle").doesNotContain("still-baseline").doesNotContain("video_");
        assertThat(battle.get("revealed").isNull()).isTrue();

        ServerFixture.Response early = s.post("/api/arena/battles/" + id + "/vote", "{\"outcome\": \"a\"}");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.error("code")).isEqualTo("battle_not_ready");

        JsonNode ready = awaitBattle(id);
        assertThat(new String(s.get("/api/arena/battles/" + id).bytes(), StandardCharsets.UTF_8)).doesNotContain("world-oracle");
        for (String side : List.of("a", "b")) {
            ServerFixture.Response mp4 = s.get(ready.get(side).get("content_url").asText());
            assertThat(mp4.status()).isEqualTo(200);
            assertThat(new String(mp4.bytes(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        }
        assertThat(s.get("/api/arena/battles/" + id + "/c/content").error("param")).isEqualTo("side");
        // arena videos stay out of the video API, so the blind test cannot be looked up there
        assertThat(s.get("/v1/videos").json().get("data")).isEmpty();

        ServerFixture.Response badVote = s.post("/api/arena/battles/" + id + "/vote", "{\"outcome\": \"c\"}");
        assertThat(badVote.status()).isEqualTo(400);
        assertThat(badVote.error("param")).isEqualTo("outcome");
        assertThat(badVote.error("message")).contains("a, b, tie, both_bad");

        ServerFixture.Response vote = s.post("/api/arena/battles/" + id + "/vote", "{\"outcome\": \"b\"}");
        assertThat(vote.status()).isEqualTo(200);
        JsonNode revealed = vote.json().get("revealed");
        assertThat(Set.of(revealed.get("a").asText(), revealed.get("b").asText())).containsExactlyInAnyOrder("world-oracle", "still-baseline");
        assertThat(vote.json().get("outcome").asText()).isEqualTo("b");
        assertThat(s.post("/api/arena/battles/" + id + "/vote", "{\"outcome\": \"a\"}").error("code")).isEqualTo("already_voted");

        List<Battle> log = new BattleLog(s.data.resolve("arena").resolve("battles.jsonl")).readAll();
        assertThat(log).hasSize(1);
        assertThat(log.getFirst().pool()).isEqualTo(Pool.T2V_AUDIO);
        assertThat(log.getFirst().outcome()).isEqualTo(Outcome.B);
        assertThat(log.getFirst().modelA()).isEqualTo(revealed.get("a").asText());
        assertThat(log.getFirst().judge()).isEqualTo("studio");

        JsonNode board = s.get("/api/arena/leaderboard").json();
        assertThat(board.get("battles").asInt()).isEqualTo(1);
        JsonNode pool = board.get("pools").get(0);
        assertThat(pool.get("pool").asText()).isEqualTo("t2v-audio");
        assertThat(pool.get("rows")).hasSize(2);
        JsonNode top = pool.get("rows").get(0);
        assertThat(top.get("model").asText()).isEqualTo(revealed.get("b").asText());
        assertThat(top.get("rating").asDouble()).isGreaterThan(1000).isBetween(top.get("lower").asDouble(), top.get("upper").asDouble());
    }

    @Test void badBattleRequestsAreRefused() {
        assertThat(s.post("/api/arena/battles", "{}").error("param")).isEqualTo("prompt");
        assertThat(s.post("/api/arena/battles", "{\"prompt\": \"x\", \"size\": \"1x1\"}").error("param")).isEqualTo("size");
        assertThat(s.post("/api/arena/battles", "{\"prompt\": \"x\", \"model\": \"world-oracle\"}").error("param")).isEqualTo("model");
        assertThat(s.get("/api/arena/battles/battle_00000000000000000000000000000000").status()).isEqualTo(404);
        assertThat(s.get("/api/arena/battles/video_00000000000000000000000000000000").status()).isEqualTo(404);
        assertThat(s.post("/api/arena/battles/battle_00000000000000000000000000000000/vote", "{\"outcome\": \"a\"}").status()).isEqualTo(404);
        assertThat(s.get("/api/arena/battles").status()).isEqualTo(405);
    }
}
