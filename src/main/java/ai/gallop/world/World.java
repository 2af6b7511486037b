package ai.gallop.world;

import ai.gallop.world.Vocabulary.Language;

import java.util.Map;

/**
 * The world's front door: sample a spec, read one from a prompt, render it with its captions.
 * Callers (CLI, trainer, evaluator calibration) use this rather than wiring the parts themselves.
 */
public final class World {
    private final SpecSampler sampler;
    private final WorldRenderer renderer = new WorldRenderer();
    private final Captioner captioner = new Captioner();
    private final PromptParser parser = new PromptParser();

    public World() { this(new SpecSampler()); }

    public World(SpecSampler sampler) { this.sampler = sampler; }

    public SceneSpec sample(long seed, VideoFormat format) { return sampler.sample(seed, format); }

    public ParsedPrompt parse(String prompt) { return parser.parse(prompt); }

    /** Renders picture, sound and ground truth, with the spec's caption in every language. */
    public RenderedClip render(SceneSpec spec) {
        Map<Language, String> captions = captioner.captions(spec);
        return renderer.render(spec, captions);
    }

    public String caption(SceneSpec spec, Language language) {
        return captioner.caption(spec, language, spec.seed());
    }
}
