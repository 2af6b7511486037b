package ai.gallop.world;

import ai.gallop.Json;
import ai.gallop.media.RgbFrame;
import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Language;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class GroundTruthTest {
    private static final int TOLERANCE = 40;
    private final WorldRenderer renderer = new WorldRenderer();

    @Test
    void labelledPixelsHoldTheSubjectColourAndBoxesMatchTheLabelMap() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        double worst = 1;
        for (SceneSpec spec : WorldFixtures.sampled(105, 1000)) {
            RenderedClip clip = renderer.render(spec);
            int w = spec.format().width(), h = spec.format().height();
            for (FrameTruth frame : clip.truth().frames()) {
                byte[] labels = clip.labels().get(frame.frame());
                RgbFrame picture = clip.video().frames().get(frame.frame());
                for (SubjectTruth s : frame.subjects()) {
                    int label = s.index() + 1, count = 0, matching = 0;
                    int x0 = w, y0 = h, x1 = -1, y1 = -1;
                    for (int y = 0; y < h; y++)
                        for (int x = 0; x < w; x++) {
                            if (labels[y * w + x] != label) continue;
                            count++;
                            if (close(picture.get(x, y), s.colour())) matching++;
                            x0 = Math.min(x0, x);
                            y0 = Math.min(y0, y);
                            x1 = Math.max(x1, x);
                            y1 = Math.max(y1, y);
                        }
                    String where = "seed " + spec.seed() + " frame " + frame.frame() + " subject " + s.index() + " (" + s.kind().id() + ")";
                    if (count != s.pixels() || (count > 0) != s.visible()) failures.add(where + ": pixel count " + count + " vs " + s.pixels());
                    if (count > 0 && !new PixelBox(x0, y0, x1 + 1, y1 + 1).equals(s.box())) failures.add(where + ": box " + s.box());
                    if (count == 0 && s.box() != null) failures.add(where + ": box without pixels");
                    if (count == 0) continue;
                    checked++;
                    double fraction = matching / (double) count;
                    worst = Math.min(worst, fraction);
                    if (fraction < 0.8) failures.add(where + ": body colour on " + matching + " of " + count + " pixels");
                }
            }
        }
        System.out.printf("colour check: %d visible subject-frames, worst body-colour fraction %.3f%n", checked, worst);
        assertThat(checked).isGreaterThan(3000);
        assertThat(failures).isEmpty();
    }

    @Test
    void backgroundsKeepAwayFromSubjectColours() {
        int background = 0, lookalike = 0;
        for (SceneSpec spec : WorldFixtures.sampled(70, 5000)) {
            RenderedClip clip = renderer.render(spec);
            int w = spec.format().width();
            for (int k = 0; k < clip.labels().size(); k += 3) {
                byte[] labels = clip.labels().get(k);
                RgbFrame picture = clip.video().frames().get(k);
                for (int p = 0; p < labels.length; p++) {
                    if (labels[p] != 0) continue;
                    background++;
                    int rgb = picture.get(p % w, p / w);
                    for (Colour c : Colour.values()) if (close(rgb, c)) { lookalike++; break; }
                }
            }
        }
        assertThat(lookalike / (double) background).as("background pixels that look like a subject colour").isLessThan(0.002);
    }

    @Test
    void framesCarryTheirTimeShotAndSceneAndEventsFallOnVisibleFrames() {
        for (SceneSpec spec : WorldFixtures.noisy(14, 300)) {
            GroundTruth truth = renderer.render(spec).truth();
            assertThat(truth.frames()).hasSize(spec.format().frames());
            for (FrameTruth f : truth.frames()) {
                assertThat(f.time()).isEqualTo(Math.round(f.frame() * 1000.0 / spec.format().fps()) / 1000.0);
                assertThat(f.shot()).isEqualTo(spec.shotAt(f.frame()));
                assertThat(f.scene()).isEqualTo(spec.shots().get(f.shot()).scene());
            }
            assertThat(truth.events()).isNotEmpty();
            for (SoundEvent e : truth.events()) {
                FrameTruth f = truth.frames().get(e.frame());
                assertThat(e.time()).isEqualTo(f.time());
                assertThat(e.shot()).isEqualTo(f.shot());
                SubjectTruth s = f.subjects().get(e.subject());
                assertThat(s.visible()).isTrue();
                assertThat(e.type()).isEqualTo(switch (s.action()) {
                    case GALLOP -> SoundEvent.Type.HOOF;
                    case BOUNCE, JUMP -> SoundEvent.Type.THUMP;
                    case FLY -> SoundEvent.Type.FLAP;
                    case SWIM -> SoundEvent.Type.BUBBLE;
                    default -> null;
                });
            }
            assertThat(truth.shots()).extracting(ShotTruth::startFrame).containsExactly(0, spec.cutFrame());
        }
    }

    @Test
    void jsonRoundTripsWithRoundedNumbersCaptionsAndNoLabelMaps() {
        SceneSpec spec = WorldFixtures.noisy(1, 77).getFirst();
        Map<Language, String> captions = new EnumMap<>(Language.class);
        captions.put(Language.JA, "馬が走る");
        captions.put(Language.EN, "a horse gallops");
        GroundTruth truth = renderer.render(spec, captions).truth();
        String json = Json.write(truth);

        assertThat(Json.write(GroundTruth.fromJson(json))).isEqualTo(json);
        assertThat(json.indexOf("\"en\"")).isPositive().isLessThan(json.indexOf("\"ja\""));
        assertThat(json).contains("\"box\" : [").contains("\"type\" : \"").doesNotContain("label");
        Matcher longDecimals = Pattern.compile("\\d\\.\\d{5,}").matcher(json);
        assertThat(longDecimals.find()).as("a number with more than 4 decimals").isFalse();
        assertThat(renderer.render(spec).truth().captions()).isEmpty();
    }

    @Test
    void shapeBoxHoldsTheVisibleBoxAndEqualsItWhenNothingIsHidden() {
        int whole = 0;
        for (SceneSpec spec : WorldFixtures.sampled(20, 9000)) {
            for (FrameTruth f : renderer.render(spec).truth().frames())
                for (SubjectTruth s : f.subjects()) {
                    assertThat(s.visibleFraction()).isBetween(0.0, 1.0);
                    if (!s.visible()) continue;
                    assertThat(s.shapeBox().x0()).isLessThanOrEqualTo(s.box().x0());
                    assertThat(s.shapeBox().y0()).isLessThanOrEqualTo(s.box().y0());
                    assertThat(s.shapeBox().x1()).isGreaterThanOrEqualTo(s.box().x1());
                    assertThat(s.shapeBox().y1()).isGreaterThanOrEqualTo(s.box().y1());
                    if (s.visibleFraction() == 1.0) {
                        assertThat(s.box()).isEqualTo(s.shapeBox());
                        whole++;
                    }
                }
        }
        assertThat(whole).isGreaterThan(100);
    }

    static boolean close(int rgb, Colour c) {
        return Math.abs((rgb >> 16 & 255) - c.r) <= TOLERANCE && Math.abs((rgb >> 8 & 255) - c.g) <= TOLERANCE
                && Math.abs((rgb & 255) - c.b) <= TOLERANCE;
    }
}
