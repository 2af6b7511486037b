package ai.gallop.serve;

import ai.gallop.media.Png;
import ai.gallop.media.RgbFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --storage s3://bucket/prefix} against a real S3 server in this JVM (s3proxy, which checks every signature):
 * task files go to the bucket under the prefix, the content endpoints stream them back unchanged, DELETE removes
 * them, nothing lands in the data folder, and no key can leave the prefix.
 */
class S3StorageTest {
    private static S3Fixture s3;
    @TempDir Path tmp;

    @BeforeAll static void startS3() throws Exception { s3 = new S3Fixture("gallop-test"); }

    @AfterAll static void stopS3() throws Exception { s3.close(); }

    @Test void tasksStoreTheirFilesInTheBucketAndServeThemFromThere() throws Exception {
        ServeConfig config = ServeConfig.defaults(tmp, 0).withS3(s3.location("runs/a"));
        try (ServerFixture s = new ServerFixture(config)) {
            assertThat(s.server.storage()).startsWith("s3://gallop-test/runs/a/ at http://127.0.0.1:");
            String id = s.post("/v1/videos", "{\"prompt\": \"a red horse gallops across a green meadow\", \"seed\": 3}").json().get("id").asText();
            s.awaitVideo(id, "completed");
            String prefix = "runs/a/videos/" + id + "/";
            assertThat(s3.keys("runs/")).containsExactlyInAnyOrder(prefix + "video.mp4", prefix + "thumbnail.png", prefix + "spritesheet.png");
            assertThat(tmp.resolve("videos").resolve(id)).doesNotExist();
            assertThat(tmp.resolve("staging/local").resolve(id)).doesNotExist();

            ServerFixture.Response video = s.get("/v1/videos/" + id + "/content");
            assertThat(video.status()).isEqualTo(200);
            assertThat(video.header("Content-Type")).isEqualTo("video/mp4");
            assertThat(new String(video.bytes(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
            assertThat(video.bytes()).isEqualTo(s3.object(prefix + "video.mp4"));
            ServerFixture.Response thumb = s.get("/v1/videos/" + id + "/content?variant=thumbnail");
            assertThat(thumb.header("Content-Type")).isEqualTo("image/png");
            assertThat(thumb.bytes()).isEqualTo(s3.object(prefix + "thumbnail.png"));
            // a seek in the player: a byte range, cut from the stream S3 sends (Javalin sends the rest of a small file)
            ServerFixture.Response range = s.get("/v1/videos/" + id + "/content", "Range", "bytes=100-199");
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.header("Content-Range")).startsWith("bytes 100-");
            assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(video.bytes(), 100, 100 + range.bytes().length));

            assertThat(s.delete("/v1/videos/" + id).status()).isEqualTo(200);
            assertThat(s3.keys("runs/")).isEmpty();
            assertThat(s.get("/v1/videos/" + id + "/content").status()).isEqualTo(404);
        }
    }

    @Test void aFirstFrameIsStoredBeforeTheTaskIsAcceptedAndSurvivesARestart() throws Exception {
        RgbFrame frame = RgbFrame.blank(64, 64);
        for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) frame.set(x, y, x < 32 ? 0xC03020 : 0x2040C0);
        String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(Png.encode(frame));
        ServeConfig config = ServeConfig.defaults(tmp, 0).withS3(s3.location("i2v")).withWorkers(1).withStepDelay(java.time.Duration.ofMillis(300));
        String id;
        try (ServerFixture s = new ServerFixture(config)) {
            id = s.post("/v1/videos", "{\"prompt\": \"a red square\", \"model\": \"still-baseline\", \"input_reference\": \"" + url + "\"}")
                    .json().get("id").asText();
            assertThat(s3.keys()).contains("i2v/videos/" + id + "/input.png");
        } // stopped while queued or running: the task goes back to the queue
        try (ServerFixture s = new ServerFixture(config.withStepDelay(java.time.Duration.ZERO))) {
            s.awaitVideo(id, "completed");
            byte[] thumbnail = s.get("/v1/videos/" + id + "/content?variant=thumbnail").bytes();
            RgbFrame still = Png.decode(thumbnail);
            assertThat(still.get(0, 0)).isEqualTo(0xC03020);           // the caller's first frame, held
            assertThat(still.get(still.width() - 1, 0)).isEqualTo(0x2040C0);
            assertThat(s3.keys()).contains("i2v/videos/" + id + "/input.png", "i2v/videos/" + id + "/video.mp4");
            s.delete("/v1/videos/" + id);
            assertThat(s3.keys("i2v/")).isEmpty();
        }
    }

    @Test void noKeyCanLeaveThePrefix() throws Exception {
        for (String bad : List.of("s3://gallop-test/../x", "s3://gallop-test/a/../../x", "s3://gallop-test/a//b", "s3://gallop-test/./a",
                "s3://gallop-test/a/%2e%2e", "s3://gallop-test/a\\b", "s3://gallop-test//x", "s3://gallop-test/.hidden"))
            assertThatThrownBy(() -> s3.location(bad.substring("s3://gallop-test/".length())))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed:").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> S3Location.parse("s3://Gallop_Test/x", s3.env())).hasMessageContaining("S3 bucket 'Gallop_Test' is not a valid name");
        assertThat(s3.location("a/b/").prefix()).isEqualTo("a/b/");

        S3Storage storage = new S3Storage(s3.location("jail"));
        String id = Ids.newVideoId();
        assertThat(storage.key(id, "video.mp4")).isEqualTo("jail/videos/" + id + "/video.mp4");
        for (String badId : List.of("../../secret", "video_../../x", id + "/..", "", "VIDEO_" + id.substring(6)))
            assertThatThrownBy(() -> storage.key(badId, "video.mp4")).as(badId).isInstanceOf(IllegalArgumentException.class);
        for (String badName : List.of("../video.mp4", "../../secret.txt", "video.mp4/..", "", "/etc/passwd", "notes.txt"))
            assertThatThrownBy(() -> storage.key(id, badName)).as(badName).isInstanceOf(IllegalArgumentException.class);

        // objects beside the prefix and of other tasks survive a task's deletion
        s3.putObject("secret.txt", new byte[]{1});
        s3.putObject("jail/secret.txt", new byte[]{2});
        String other = Ids.newVideoId();
        s3.putObject("jail/videos/" + other + "/video.mp4", new byte[]{3});
        Path staged = Files.write(tmp.resolve("v.mp4"), new byte[]{9, 9});
        storage.put(id, "video.mp4", staged);
        assertThat(staged).doesNotExist();
        // deleting lists the task's folder once: every task file there goes, whichever reference images it had
        s3.putObject("jail/videos/" + id + "/" + Storage.reference(2), new byte[]{4});
        s3.putObject("jail/videos/" + id + "/notes.txt", new byte[]{5});
        storage.deleteAll(id);
        assertThat(s3.keys()).contains("secret.txt", "jail/secret.txt", "jail/videos/" + other + "/video.mp4")
                .doesNotContain("jail/videos/" + id + "/video.mp4", "jail/videos/" + id + "/" + Storage.reference(2));
        assertThat(s3.keys()).as("what is not a task file is not the task's to delete").contains("jail/videos/" + id + "/notes.txt");
        for (String k : List.of("secret.txt", "jail/secret.txt", "jail/videos/" + other + "/video.mp4", "jail/videos/" + id + "/notes.txt"))
            s3.blobs.removeBlob(s3.bucket, k);
    }

    @Test void listingFollowsThePagesOfALongListing() throws Exception {
        for (int i = 0; i < 1005; i++) s3.putObject(String.format("pages/k%04d", i), new byte[]{1});
        s3.putObject("pagesx/beside", new byte[]{1});
        try (S3Client client = new S3Client(s3.location(""))) {
            List<String> keys = client.list("pages/");
            assertThat(keys).hasSize(1005).doesNotHaveDuplicates().allMatch(k -> k.startsWith("pages/k"));
        } finally {
            for (String k : s3.keys("pages")) s3.blobs.removeBlob(s3.bucket, k);
        }
    }

    @Test void aBadSetupFailsAtStartupInOneLine() throws Exception {
        Map<String, String> env = new HashMap<>(s3.env());
        env.remove(S3Location.ACCESS_KEY);
        assertThatThrownBy(() -> S3Location.parse("s3://gallop-test", env))
                .hasMessage("no S3 credentials for s3://gallop-test; allowed: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones)");
        assertThatThrownBy(() -> S3Location.parse("s3://gallop-test", Map.of(S3Location.ACCESS_KEY, "k", S3Location.SECRET_KEY, "s")))
                .hasMessageStartingWith("no S3 endpoint for s3://gallop-test; allowed: set GALLOP_S3_ENDPOINT");
        assertThatThrownBy(() -> S3Location.parse("gs://gallop-test", s3.env()))
                .hasMessageStartingWith("storage 'gs://gallop-test' is not supported; allowed: s3://bucket");
        Map<String, String> badEndpoint = new HashMap<>(s3.env());
        badEndpoint.put(S3Location.ENDPOINT, "localhost:9000");
        assertThatThrownBy(() -> S3Location.parse("s3://gallop-test", badEndpoint)).hasMessageStartingWith("S3 endpoint 'localhost:9000' is not valid");

        Map<String, String> wrongKey = new HashMap<>(s3.env());
        wrongKey.put(S3Location.SECRET_KEY, "not-the-secret");
        ServeConfig config = ServeConfig.defaults(tmp, 0);
        assertThatThrownBy(() -> GallopServer.start(config.withS3(S3Location.parse("s3://gallop-test", wrongKey))))
                .isInstanceOf(java.io.IOException.class).hasMessageNotContaining("\n").hasMessageNotContaining("not-the-secret")
                .hasMessageContaining("answered 403").hasMessageContaining("allowed: credentials");
        assertThatThrownBy(() -> GallopServer.start(config.withS3(S3Location.parse("s3://no-such-bucket", s3.env()))))
                .isInstanceOf(java.io.IOException.class).hasMessageNotContaining("\n")
                .hasMessageContaining("answered 404").hasMessageContaining("create no-such-bucket first");
        Map<String, String> nobody = new HashMap<>(s3.env());
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        nobody.put(S3Location.ENDPOINT, "http://127.0.0.1:" + closed);
        assertThatThrownBy(() -> GallopServer.start(config.withS3(S3Location.parse("s3://gallop-test", nobody))))
                .isInstanceOf(java.io.IOException.class).hasMessageNotContaining("\n").hasMessageStartingWith("cannot reach the S3 endpoint");
        assertThat(S3Location.parse("s3://gallop-test", s3.env()).toString()).doesNotContain(S3Fixture.SECRET_KEY);
    }

    @Test void signingEncodesKeysAndQueriesAsAwsDoes() {
        assertThat(S3Client.encode("a b/c~d_e.f-g+h=", true)).isEqualTo("a%20b/c~d_e.f-g%2Bh%3D");
        assertThat(S3Client.encode("a/b", false)).isEqualTo("a%2Fb");
        assertThat(S3Client.encode("é", false)).isEqualTo("%C3%A9");
        assertThat(S3Client.host(java.net.URI.create("https://s3.amazonaws.com:443/x"))).isEqualTo("s3.amazonaws.com");
        assertThat(S3Client.host(java.net.URI.create("http://minio:9000"))).isEqualTo("minio:9000");
    }
}
