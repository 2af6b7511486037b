package ai.gallop.world;

import ai.gallop.world.Vocabulary.Language;

import java.util.List;

/**
 * What a prompt asked for. {@code shots} is empty when no word was understood; {@code unknownWords}
 * lists, in prompt order and as written, every word the lexicons do not know; {@code language} is
 * the dominant language of the prompt, null when nothing in it could tell.
 */
public record ParsedPrompt(List<ParsedShot> shots, List<String> unknownWords, Language language) {
    public ParsedPrompt {
        shots = List.copyOf(shots);
        unknownWords = List.copyOf(unknownWords);
    }

    /**
     * A renderable spec: what the prompt said, with everything it left open drawn from {@code seed}
     * under the sampler's rules (natural actions, no two subjects of one kind and colour, one relation
     * per subject after the first). Two shots cut in the middle. Throws IllegalArgumentException when
     * the prompt asks for what the world cannot show (four subjects, a ball bouncing to the left).
     */
    public SceneSpec toSpec(long seed, VideoFormat format) { return SpecCompletion.complete(this, seed, format); }
}
