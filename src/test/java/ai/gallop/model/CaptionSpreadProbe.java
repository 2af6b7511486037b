package ai.gallop.model;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Does the text encoder keep a word apart? For caption pairs that differ in one word (a colour, a kind, a scene) or
 * not at all against the empty caption, the relative difference |a - b| / |a| of the encoded sequence tokens over the
 * shorter caption's tokens, and of the pooled caption. Random weights keep every word apart (about 0.5-0.7 for one
 * word); an encoder that maps two words to the same tokens gives about 0, and nothing after it can tell them apart
 * again. {@code fresh} measures a new model of the shipped model's shape. Not a test; run by hand (docs/training.md,
 * "A colour word at pure noise"):
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "target/classes:target/test-classes:target/lib/*" ai.gallop.model.CaptionSpreadProbe MODEL|fresh
 * </pre>
 */
public final class CaptionSpreadProbe {
    private CaptionSpreadProbe() {}

    private static final String BASE = "A huge red ball stands still on a beach.";
    private static final List<String[]> PAIRS = List.of(
            new String[]{"colour", BASE, "A huge blue ball stands still on a beach."},
            new String[]{"kind", BASE, "A huge red car stands still on a beach."},
            new String[]{"scene", BASE, "A huge red ball stands still in a meadow."},
            new String[]{"empty", BASE, ""});

    public static void main(String[] args) throws Exception {
        AudioVideoTransformer model = args[0].equals("fresh")
                ? new AudioVideoTransformer(ModelConfig.read(Path.of("models/gallop-tiny/config.json")), 1)
                : AudioVideoTransformer.load(Path.of(args[0]));
        try (NoGradGuard g = new NoGradGuard(); PointerScope scope = new PointerScope()) {
            for (String[] p : PAIRS) {
                AudioVideoTransformer.EncodedCaption c = model.encodeCaption(model.config().textTokeniser().batch(List.of(p[1], p[2])));
                long n = Math.min(c.mask().select(0, 0).sum().item_long(), c.mask().select(0, 1).sum().item_long());
                Tensor a = c.tokens().select(0, 0).narrow(0, 0, n), b = c.tokens().select(0, 1).narrow(0, 0, n);
                System.out.printf(Locale.ROOT, "%-6s tokens %.3f pooled %.3f   (\"%s\" / \"%s\")%n", p[0], relative(a, b),
                        relative(c.pooled().select(0, 0), c.pooled().select(0, 1)), p[1], p[2]);
            }
        }
    }

    private static double relative(Tensor a, Tensor b) {
        return a.sub(b).norm().item_double() / a.norm().item_double();
    }
}
