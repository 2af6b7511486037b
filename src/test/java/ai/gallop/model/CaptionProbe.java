package ai.gallop.model;

import ai.gallop.diffusion.FlowMatching;
import ai.gallop.Json;
import ai.gallop.world.RenderedClip;
import ai.gallop.world.SceneSpec;
import ai.gallop.world.WorldRenderer;
import com.fasterxml.jackson.databind.JsonNode;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.pytorch.global.torch.createCPUGenerator;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.randn;

/**
 * Does a model read its captions? For every clip of a {@code gallop world} folder (clip-NNNN.json) and every
 * caption of those clips (English, or the language of {@code -Dprobe.language}; a clip-NNNN.txt beside the JSON
 * replaces it, as footage's caption file does; plus the empty caption last), the x0 error of the model's video prediction
 * averaged over t = 0.3, 0.5, 0.7, 0.9 (or the comma-separated times of {@code -Dprobe.times}) and two noises. A model that uses the caption has the lowest error on the
 * diagonal (marked *), by a margin. Not a test (surefire skips it); run by hand after training on the folder's
 * clips as footage (docs/training.md, "Does the model read its captions?"):
 * <pre>
 * java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.model.CaptionProbe MODEL_DIR WORLD_DIR
 * </pre>
 */
public final class CaptionProbe {
    private CaptionProbe() {}

    public static void main(String[] args) throws Exception {
        AudioVideoTransformer model = AudioVideoTransformer.load(Path.of(args[0]));
        List<Path> files;
        try (var listing = Files.list(Path.of(args[1]))) {
            files = listing.filter(p -> p.getFileName().toString().matches("clip-\\d+\\.json")).sorted().toList();
        }
        WorldRenderer renderer = new WorldRenderer();
        String language = System.getProperty("probe.language", "en");
        List<String> captions = new ArrayList<>();
        List<RenderedClip> clips = new ArrayList<>();
        for (Path f : files) {
            JsonNode node = Json.MAPPER.readTree(f.toFile());
            Path own = f.resolveSibling(f.getFileName().toString().replace(".json", ".txt"));
            captions.add(Files.exists(own) ? Files.readString(own).strip() : node.path("captions").path(language).asText());
            clips.add(renderer.render(Json.MAPPER.treeToValue(node.path("spec"), SceneSpec.class)));
        }
        captions.add("");
        double[] times = java.util.Arrays.stream(System.getProperty("probe.times", "0.3,0.5,0.7,0.9").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        try (NoGradGuard g = new NoGradGuard()) {
            // the clips' tokens once (the autoencoder's encoding costs far more than the model's pass)
            List<Tensor> videos = new ArrayList<>(), audios = new ArrayList<>();
            for (RenderedClip clip : clips) {
                Tensor v = model.videoTokeniser().encode(clip.video().frames()).unsqueeze(0);          // [1, Lv, pv]
                Tensor a = model.config().audioTokeniser().encode(clip.video().sound()).unsqueeze(0);  // [1, La, pa]
                v.retainReference();
                a.retainReference();
                videos.add(v);
                audios.add(a);
            }
            for (int i = 0; i < clips.size(); i++) {
                StringBuilder row = new StringBuilder("clip " + i + ":");
                for (int j = 0; j < captions.size(); j++) {
                    double sum = 0;
                    for (double t : times)
                        for (int s = 0; s < 2; s++) sum += error(model, clips.get(i), videos.get(i), audios.get(i), captions.get(j), t, s);
                    row.append(String.format(Locale.ROOT, " %6.3f%s", sum / (2 * times.length), i == j ? "*" : " "));
                }
                System.out.println(row);
            }
        }
    }

    private static double error(AudioVideoTransformer model, RenderedClip clip, Tensor video, Tensor audio, String caption, double t, long seed) {
        try (PointerScope scope = new PointerScope()) {
            ModelConfig c = model.config();
            int w = clip.video().frames().getFirst().width(), h = clip.video().frames().getFirst().height();
            Tensor text = c.textTokeniser().batch(List.of(caption));                              // [1, Lt]
            Tensor vt = ones(1, video.size(1)).mul(new Scalar(t)), at = ones(1, audio.size(1)).mul(new Scalar(t));
            Tensor vn = randn(video.shape(), new GeneratorOptional(createCPUGenerator(100 + seed)));
            Tensor an = randn(audio.shape(), new GeneratorOptional(createCPUGenerator(200 + seed)));
            TokenLayout layout = TokenLayout.of(c, (int) text.size(1), 0, w, h, clip.video().frames().size(), clip.video().fps(), (int) audio.size(1));
            ModelInput in = new ModelInput(layout, text, null, FlowMatching.noisy(video, vn, vt), vt, FlowMatching.noisy(audio, an, at), at);
            return model.forward(in).video().sub(video).square().mean().item_double();
        }
    }
}
