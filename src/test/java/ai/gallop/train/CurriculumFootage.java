package ai.gallop.train;

import ai.gallop.eval.ColourProbe;
import ai.gallop.media.Mp4Writer;
import ai.gallop.world.HeldOut;
import ai.gallop.world.ParsedPrompt;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Scene;
import ai.gallop.world.Vocabulary.Subject;
import ai.gallop.world.World;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A footage folder for a caption curriculum: world renders of "A huge COLOUR KIND stands still SCENE." for every
 * asked kind, colour and scene, each clip captioned with exactly that sentence, or with the world's own caption of the
 * clip in English ({@code en}) or in a language that cycles with the seed ({@code all}) (mp4 + .txt, what {@code
 * gallop train --data} reads). The place, size and camera still vary with the seed; held-out combinations are skipped, so the
 * compositional suite stays unseen. It renders in one JVM what `gallop world --prompt` does one process at a time.
 * Not a test; run by hand (docs/training.md, "A caption curriculum"):
 * <pre>
 * java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.train.CurriculumFootage OUT FIRST_SEED RENDERS KINDS COLOURS SCENES [fixed|en|all]
 *     # KINDS, COLOURS, SCENES: comma lists of the world's ids (ball,box / red,blue / beach,meadow) or "all"
 * </pre>
 */
public final class CurriculumFootage {
    private CurriculumFootage() {}

    // in the probes' own phrasing (ColourProbe.prompt), so a caption learned here is the one the probes ask
    private static final Map<Scene, String> PLACES = Map.of(Scene.MEADOW, "in a meadow", Scene.BEACH, "on a beach",
            Scene.NIGHT_SKY, "against a night sky", Scene.SNOW, "in the snow", Scene.DESERT, "in a desert",
            Scene.CITY_STREET, "on a city street", Scene.STUDIO, "in a studio");

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int renders = Integer.parseInt(args[2]);
        List<Subject> kinds = ids(Subject.class, args[3]);
        List<Colour> colours = ids(Colour.class, args[4]);
        List<Scene> scenes = ids(Scene.class, args[5]);
        String captions = args.length > 6 ? args[6] : "fixed";
        if (!List.of("fixed", "en", "all").contains(captions)) throw new IllegalArgumentException("captions " + captions + "; allowed: fixed, en, all");
        Language[] languages = Language.values();
        Files.createDirectories(out);
        World world = new World();
        int written = 0, skipped = 0;
        for (Subject kind : kinds)
            for (Colour colour : colours)
                for (Scene scene : scenes) {
                    String caption = ColourProbe.prompt(colour, kind.id(), PLACES.get(scene));
                    ParsedPrompt parsed = world.parse(caption);
                    for (int r = 0; r < renders; r++, seed++) {
                        SceneSpec spec = parsed.toSpec(seed, VideoFormat.DEFAULT);
                        if (HeldOut.excludes(spec)) { skipped++; continue; }
                        RenderedClip clip = world.render(spec);
                        String stem = String.format(Locale.ROOT, "%s-%s-%s-%05d", kind.id(), colour.id(), scene.id(), seed);
                        String text = switch (captions) {
                            case "en" -> clip.truth().captions().get(Language.EN);
                            case "all" -> clip.truth().captions().get(languages[(int) (seed % languages.length)]);
                            default -> caption;
                        };
                        Mp4Writer.write(out.resolve(stem + ".mp4"), clip.video(), Map.of("prompt", text));
                        Files.writeString(out.resolve(stem + ".txt"), text);
                        written++;
                    }
                }
        System.out.printf(Locale.ROOT, "%d clips written to %s, %d held-out renders skipped%n", written, out, skipped);
    }

    private static <E extends Enum<E>> List<E> ids(Class<E> type, String list) {
        if (list.equals("all")) return List.of(type.getEnumConstants());
        return Arrays.stream(list.split(",")).map(id -> Vocabulary.parse(type, id)).toList();
    }
}
