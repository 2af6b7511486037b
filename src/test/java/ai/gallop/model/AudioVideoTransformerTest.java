package ai.gallop.model;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.zeros;

class AudioVideoTransformerTest {
    static final ModelConfig MICRO = ModelConfig.micro();
    static final int W = 16, H = 16, FRAMES = 5, FPS = 8, AUDIO = 16, VIDEO = 3 * 16;

    /** A batch of B noisy micro clips at time t (frame 0 clean at t = 0 when i2v), with or without audio and images. */
    static ModelInput input(int batch, List<String> captions, int images, boolean i2v, boolean audio, double t, long seed) {
        Tensor text = MICRO.textTokeniser().batch(captions);
        TokenLayout layout = TokenLayout.of(MICRO, (int) text.size(1), images, W, H, FRAMES, FPS, audio ? AUDIO : 0);
        Tensor clean = ModelFixtures.repeat(MICRO.videoTokeniser().encode(ModelFixtures.movingSquare(W, H, FRAMES, 0xDC1E1E)), batch);  // [B, 48, 96]
        Tensor videoTime = ones(batch, VIDEO).mul(new Scalar(t));                                                   // [B, 48]
        if (i2v) videoTime.narrow(1, 0, 16).zero_();                                                                // frame-0 tokens clean
        Tensor video = ModelFixtures.noisy(clean, videoTime, ModelFixtures.noise(seed, batch, VIDEO, MICRO.videoPatchDim()));
        Tensor image = images == 0 ? null
                : ModelFixtures.repeat(cat(new TensorVector(java.util.Collections.nCopies(images,
                        MICRO.videoTokeniser().encodeImage(ModelFixtures.movingSquare(W, H, 1, 0x1E1EDC).getFirst())).toArray(Tensor[]::new)), 0), batch);
        Tensor audioTokens = null, audioTime = null;
        if (audio) {
            Tensor sound = ModelFixtures.repeat(MICRO.audioTokeniser().encode(ModelFixtures.tone(FRAMES / (double) FPS, 16000, 440)), batch);  // [B, 16, 640]
            audioTime = ones(batch, AUDIO).mul(new Scalar(t));
            audioTokens = ModelFixtures.noisy(sound, audioTime, ModelFixtures.noise(seed + 1, batch, AUDIO, 640));
        }
        return new ModelInput(layout, text, image, video, videoTime, audioTokens, audioTime);
    }

    @Test
    void textToVideoWithAndWithoutAudioGivesOnePredictionPerToken() {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1)) {
            ModelOutput silent = model.forward(input(2, List.of("a red square", "a red square moves"), 0, false, false, 0.7, 3));
            assertThat(silent.video().shape()).containsExactly(2, VIDEO, 96);
            assertThat(silent.audio()).isNull();
            ModelOutput loud = model.forward(input(2, List.of("a red square", "a red square moves"), 0, false, true, 0.7, 3));
            assertThat(loud.video().shape()).containsExactly(2, VIDEO, 96);
            assertThat(loud.audio().shape()).containsExactly(2, AUDIO, 640);
            // zero-initialised heads: a fresh model predicts x0 = 0 everywhere
            assertThat(loud.video().abs().max().item_float()).isZero();
            assertThat(loud.audio().abs().max().item_float()).isZero();
        }
    }

    @Test
    void imageToVideoAndReferenceImagesKeepTheOutputShapes() {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1)) {
            ModelFixtures.perturb(model, 9);
            ModelOutput i2v = model.forward(input(1, List.of("the square slides"), 0, true, true, 1.0, 3));
            assertThat(i2v.video().shape()).containsExactly(1, VIDEO, 96);
            ModelOutput r2v = model.forward(input(3, List.of("[Image 1] slides", "a", "b"), 2, false, false, 0.5, 3));
            assertThat(r2v.video().shape()).containsExactly(3, VIDEO, 96);
            assertThat(r2v.video().isfinite().all().item_bool()).isTrue();
        }
    }

    @Test
    void theSameSeedGivesIdenticalWeightsAndOutputsAndAnotherSeedDoesNot() {
        try (PointerScope scope = new PointerScope();
             AudioVideoTransformer a = new AudioVideoTransformer(MICRO, 42);
             AudioVideoTransformer b = new AudioVideoTransformer(MICRO, 42);
             AudioVideoTransformer c = new AudioVideoTransformer(MICRO, 43)) {
            for (Map.Entry<String, Tensor> e : a.namedParameters().entrySet())
                assertThat(e.getValue().equal(b.namedParameters().get(e.getKey()))).as(e.getKey()).isTrue();
            assertThat(a.namedParameters().get("blocks.0.text.qkvg.weight").equal(c.namedParameters().get("blocks.0.text.qkvg.weight"))).isFalse();
            ModelFixtures.perturb(a, 5);
            ModelFixtures.perturb(b, 5);
            ModelInput in = input(2, List.of("a", "bb"), 1, true, true, 0.6, 8);
            ModelOutput oa = a.forward(in), ob = b.forward(in);
            assertThat(oa.video().equal(ob.video())).isTrue();
            assertThat(oa.audio().equal(ob.audio())).isTrue();
            assertThat(oa.video().abs().max().item_float()).isGreaterThan(0f);
        }
    }

    @Test
    void parameterCountMatchesTheConfigsClosedForm() {
        try (AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1)) {
            assertThat(model.parameterCount()).isEqualTo(MICRO.parameterCount());
        }
    }

    @Test
    void aPaddedCaptionGivesTheSameResultAsTheCaptionAlone() {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1)) {
            ModelFixtures.perturb(model, 2);
            try (NoGradGuard g = new NoGradGuard()) {
                ModelInput both = input(2, List.of("short", "a much longer caption"), 0, false, true, 0.5, 4);
                ModelInput alone = input(1, List.of("short"), 0, false, true, 0.5, 4);
                ModelInput aloneSame = new ModelInput(alone.layout(), alone.text(), null, both.video().narrow(0, 0, 1),
                        both.videoTime().narrow(0, 0, 1), both.audio().narrow(0, 0, 1), both.audioTime().narrow(0, 0, 1));
                Tensor batched = model.forward(both).video().select(0, 0), single = model.forward(aloneSame).video().select(0, 0);
                assertThat(batched.sub(single).abs().max().item_float()).isLessThan(1e-5f);
            }
        }
    }

    @Test
    void everyWeightOfEveryBlockAndOfTheTextEncoderGetsAFiniteNonZeroGradient() {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1)) {
            ModelFixtures.perturb(model, 5);  // zero-initialised heads and tables would stop every gradient behind them
            ModelOutput out = model.forward(input(2, List.of("a red square", "ein blauer Ball"), 1, true, true, 0.6, 6));
            out.video().square().mean().add(out.audio().square().mean()).backward();
            assertThat(model.namedParameters().keySet()).anyMatch(n -> n.startsWith("text.encoder.0."))
                    .anyMatch(n -> n.startsWith("blocks.0.text.")).anyMatch(n -> n.startsWith("blocks.1.shared."));
            // in the last layer the text tokens are only read, as keys and values: their queries, output projection
            // and MLP reach no head, so exactly those weights get no gradient
            String last = "blocks." + (MICRO.layers() - 1) + ".text.";
            List<String> unread = List.of(last + "q_norm", last + "out.weight", last + "out.bias",
                    last + "fc1.weight", last + "fc1.bias", last + "fc2.weight", last + "fc2.bias");
            model.namedParameters().forEach((name, weight) -> {
                Tensor grad = weight.grad();
                float largest = grad.defined() ? grad.abs().max().item_float() : 0;
                if (unread.contains(name)) {
                    assertThat(largest).as("gradient of %s", name).isZero();
                    return;
                }
                assertThat(grad.defined()).as("gradient of %s", name).isTrue();
                assertThat(grad.isfinite().all().item_bool()).as("finite gradient of %s", name).isTrue();
                assertThat(largest).as("gradient of %s", name).isPositive();
            });
        }
    }

    @Test
    void theCaptionReachesTheVideoThroughTheTextEncoder() {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1);
             NoGradGuard g = new NoGradGuard()) {
            ModelFixtures.perturb(model, 7);
            ModelInput red = input(1, List.of("a red square"), 0, false, false, 0.9, 8);
            ModelInput blue = input(1, List.of("a blu square"), 0, false, false, 0.9, 8);
            ModelInput blueSame = new ModelInput(blue.layout(), blue.text(), null, red.video(), red.videoTime(), null, null);
            float change = model.forward(red).video().sub(model.forward(blueSame).video()).abs().max().item_float();
            assertThat(change).as("one changed byte changes the prediction").isGreaterThan(1e-4f);
        }
    }

    @Test
    void aCaptionEncodedOnceGivesTheSamePredictionAsEncodingItInTheForwardPass() {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1);
             NoGradGuard g = new NoGradGuard()) {
            ModelFixtures.perturb(model, 4);
            ModelInput in = input(2, List.of("a red square", "ein blaues Quadrat springt"), 0, false, true, 0.6, 5);
            AudioVideoTransformer.EncodedCaption caption = model.encodeCaption(in.text());
            ModelOutput inside = model.forward(in), reused = model.forward(in, caption);
            assertThat(reused.video().equal(inside.video())).isTrue();
            assertThat(reused.audio().equal(inside.audio())).isTrue();
            ModelInput other = input(1, List.of("a red square"), 0, false, true, 0.6, 5);
            assertThatThrownBy(() -> model.forward(other, caption)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("encoded caption has 2 x");
        }
    }

    @Test
    void eachClipOfABatchWithItsOwnTimesIsPredictedAsIfAlone() {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1);
             NoGradGuard g = new NoGradGuard()) {
            ModelFixtures.perturb(model, 6);
            ModelInput a = input(1, List.of("a red square"), 0, true, true, 0.3, 5);            // i2v: times 0 and 0.3
            ModelInput b = input(1, List.of("a tan square"), 0, false, true, 0.8, 6);           // t2v: time 0.8
            ModelInput both = new ModelInput(a.layout(), cat(new TensorVector(a.text(), b.text()), 0), null,
                    cat(new TensorVector(a.video(), b.video()), 0), cat(new TensorVector(a.videoTime(), b.videoTime()), 0),
                    cat(new TensorVector(a.audio(), b.audio()), 0), cat(new TensorVector(a.audioTime(), b.audioTime()), 0));
            ModelOutput together = model.forward(both), first = model.forward(a), second = model.forward(b);
            assertThat(together.video().select(0, 0).sub(first.video().select(0, 0)).abs().max().item_double()).isLessThan(1e-5);
            assertThat(together.video().select(0, 1).sub(second.video().select(0, 0)).abs().max().item_double()).isLessThan(1e-5);
            assertThat(together.audio().select(0, 1).sub(second.audio().select(0, 0)).abs().max().item_double()).isLessThan(1e-5);
            assertThat(first.video().sub(second.video()).abs().max().item_double()).as("the clips differ").isGreaterThan(1e-3);
        }
    }

    @Test
    void videoPlacedApartPerBatchItemMovesOnlyThatItemsPrediction() {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1);
             NoGradGuard g = new NoGradGuard()) {
            ModelFixtures.perturb(model, 8);
            ModelInput in = input(2, List.of("a red square pans", "a red square pans"), 0, false, true, 0.5, 7);
            TokenLayout layout = in.layout();
            int lv = layout.count(Modality.VIDEO), start = layout.start(Modality.VIDEO);
            float[] screen = new float[2 * lv], shifted = new float[2 * lv];
            for (int i = 0; i < lv; i++) {
                screen[2 * i] = shifted[2 * i] = layout.position(start + i, 2);
                screen[2 * i + 1] = layout.position(start + i, 3);
                shifted[2 * i + 1] = layout.position(start + i, 3) + (i >= 16 ? 0.75f : 0f);  // later token frames look further right
            }
            ModelOutput plain = model.forward(in);
            ModelOutput same = model.forward(withLayout(in, layout.withVideoPlaces(List.of(screen, screen))));
            ModelOutput moved = model.forward(withLayout(in, layout.withVideoPlaces(List.of(screen, shifted))));
            assertThat(same.video().sub(plain.video()).abs().max().item_double()).as("screen places are the shared layout").isLessThan(1e-5);
            assertThat(moved.video().select(0, 0).sub(plain.video().select(0, 0)).abs().max().item_double()).isLessThan(1e-5);
            assertThat(moved.video().select(0, 1).sub(plain.video().select(0, 1)).abs().max().item_double()).as("the panned item").isGreaterThan(1e-4);
            assertThatThrownBy(() -> model.forward(withLayout(input(1, List.of("a red square pans"), 0, false, true, 0.5, 7), layout.withVideoPlaces(List.of(screen, screen)))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 batch items; the batch has 1");
        }
    }

    private static ModelInput withLayout(ModelInput in, TokenLayout layout) {
        return new ModelInput(layout, in.text(), in.image(), in.video(), in.videoTime(), in.audio(), in.audioTime(), in.source());
    }

    @Test
    void linearWeightsStoredInBfloat16GiveTheSameBytesUnderAutocast() {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1);
             NoGradGuard g = new NoGradGuard()) {
            ModelFixtures.perturb(model, 7);
            ModelInput t2v = input(1, List.of("a red square"), 0, false, true, 0.6, 5);
            ModelInput i2v = input(2, List.of("a red square", "un carré bleu"), 1, true, true, 0.4, 6);
            ModelOutput before = Autocast.bfloat16(() -> model.forward(t2v)), beforeI2v = Autocast.bfloat16(() -> model.forward(i2v));
            model.storeLinearWeightsAs(ScalarType.BFloat16);
            assertThat(Tensors.type(model.namedParameters().get("blocks.0.picture.fc1.weight"))).isEqualTo(ScalarType.BFloat16);
            assertThat(Tensors.type(model.namedParameters().get("blocks.0.picture.modulation"))).as("not a linear's").isEqualTo(ScalarType.Float);
            ModelOutput after = Autocast.bfloat16(() -> model.forward(t2v)), afterI2v = Autocast.bfloat16(() -> model.forward(i2v));
            assertThat(after.video().equal(before.video())).isTrue();
            assertThat(after.audio().equal(before.audio())).isTrue();
            assertThat(afterI2v.video().equal(beforeI2v.video())).isTrue();
            assertThat(after.video().abs().max().item_double()).as("a real prediction").isGreaterThan(1e-3);
        }
    }

    @Test
    void oneStreamMeansTheAudioPredictionSeesTheVideo() {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1)) {
            ModelFixtures.perturb(model, 2);
            ModelInput in = input(1, List.of("a"), 0, false, true, 0.5, 4);
            ModelInput otherVideo = new ModelInput(in.layout(), in.text(), null, in.video().mul(new Scalar(-1.0)), in.videoTime(), in.audio(), in.audioTime());
            float change = model.forward(in).audio().sub(model.forward(otherVideo).audio()).abs().max().item_float();
            assertThat(change).isGreaterThan(1e-4f);
        }
    }

    @Test
    void savedWeightsLoadBackBitExact(@TempDir Path dir) throws Exception {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 7)) {
            ModelFixtures.perturb(model, 3);
            model.save(dir);
            assertThat(ModelConfig.read(dir.resolve(AudioVideoTransformer.CONFIG_FILE))).isEqualTo(MICRO);
            try (AudioVideoTransformer loaded = AudioVideoTransformer.load(dir)) {
                for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet())
                    assertThat(e.getValue().equal(loaded.namedParameters().get(e.getKey()))).as(e.getKey()).isTrue();
                ModelInput in = input(1, List.of("a"), 0, true, true, 0.5, 4);
                assertThat(model.forward(in).video().equal(loaded.forward(in).video())).isTrue();
            }
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("config.json", "model.safetensors");
            }
        }
    }

    @Test
    void weightsOfAnotherConfigAreRefused(@TempDir Path dir) throws Exception {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 7)) {
            model.save(dir);
            ModelConfig wider = new ModelConfig("micro", 96, 2, 1, 1, 2, 32, 4, 2, 16000, 640, 10000, 25);
            Files.writeString(dir.resolve(AudioVideoTransformer.CONFIG_FILE), wider.toJson());
            assertThatThrownBy(() -> AudioVideoTransformer.load(dir)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("weight 'text.embed' has shape [259, 64]; expected [259, 96]");
        }
    }

    @Test
    void inputsThatDoNotMatchTheLayoutAreRefused() {
        try (PointerScope scope = new PointerScope(); AudioVideoTransformer model = new AudioVideoTransformer(MICRO, 1)) {
            ModelInput in = input(1, List.of("a"), 0, false, true, 0.5, 4);
            ModelInput bad = new ModelInput(in.layout(), in.text(), null, zeros(1, VIDEO - 1, 96), in.videoTime(), in.audio(), in.audioTime());
            assertThatThrownBy(() -> model.forward(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("video has shape [1, 47, 96]; expected [1, 48, 96]");
        }
    }
}
