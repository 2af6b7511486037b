package ai.gallop.train;

import ai.gallop.diffusion.ConditionDropout;
import ai.gallop.diffusion.TimeRange;
import ai.gallop.diffusion.TimestepSampler;
import ai.gallop.model.ModelConfig;
import ai.gallop.world.VideoFormat;
import ai.gallop.world.Vocabulary;
import ai.gallop.world.Vocabulary.Language;

import java.util.List;

/**
 * Everything that decides a training run. A checkpoint stores it, so a resumed run continues with the same data
 * order, schedule and noise; only {@code steps}, {@code checkpointEvery}, {@code keep} and {@code threads} may
 * change on resume (they do not change what one step computes; a longer {@code steps} stretches the cosine).
 *
 * @param model            the model's shape
 * @param format           clip size, rate and length the world renders (or footage is fitted to)
 * @param data             a folder of the user's clips to train on ({@link FootageFolder}); null: the world
 * @param batch            clips per step
 * @param steps            total optimisation steps of the run
 * @param learningRate     peak AdamW learning rate
 * @param warmupSteps      linear warm-up from 0 to the peak
 * @param minLearningRate  fraction of the peak the cosine ends at
 * @param weightDecay      AdamW decoupled weight decay (matrices only)
 * @param beta1            AdamW first-moment decay
 * @param beta2            AdamW second-moment decay
 * @param gradClip         global gradient-norm clip (0 = off)
 * @param emaDecay         EMA decay of the weights (0 = no EMA)
 * @param seed             run seed: model init, data order and per-step noise derive from it
 * @param timestepMean     logit-normal mean of training t (positive = toward noise)
 * @param timestepShift    timestep shift applied after the logit-normal draw (1 = none)
 * @param minWeightTime    the loss weight 1 / max(t, this)^2 stops growing below it
 * @param audioWeight      weight of the audio loss next to the video loss
 * @param subjectWeight    extra loss weight on pixels the world's label maps mark as a subject (0 = none; a
 *                         subject pixel counts 1 + this x (1 - t)); clips without label maps weigh every pixel 1
 * @param conditions       condition mix and dropout for classifier-free guidance
 * @param bf16             bfloat16 autocast for the matmuls (attention stays float32)
 * @param checkpointEvery  steps between checkpoints
 * @param keep             checkpoints kept (older ones are deleted)
 * @param threads          libtorch intra-op threads
 * @param languages        caption languages drawn for world clips, as tags (null: all 7, evenly); a run in fewer
 *                         languages sees each word of them more often
 * @param anchorShare      fraction of clips trained at t near 1 whatever {@code timestepMean} says (0 = none; see
 *                         {@link TimestepSampler})
 * @param temporalWeight   weight of a second video loss on the change between consecutive token frames (0 = none;
 *                         see {@link ai.gallop.diffusion.FlowMatching#temporalLoss})
 * @param contrastiveWeight weight of the contrastive term: the loss against another clip of the batch is
 *                         subtracted at this weight (0 = none, below 1; see
 *                         {@link ai.gallop.diffusion.FlowMatching#lossAgainstOthers})
 * @param contrastiveByTime the contrastive term weighs each token by its time t as well: full at pure noise, none
 *                         at the clean end, where pushing away from other clips only exaggerates contrast
 * @param recolourWeight   weight of a second contrastive term whose negative is the same world clip with its
 *                         subjects in other colours, weighed by time (0 = none, below 1 together with
 *                         {@code contrastiveWeight}; see {@link ai.gallop.diffusion.FlowMatching#lossAgainst}): it
 *                         pushes only where the colours differ, that is on the subjects
 * @param recolourFromTime tokens below this t get no recolour term (0 = every noisy token): where the noisy clip
 *                         already shows a subject's colour the push can be met by saturating what is seen, and only
 *                         above it does the push need the caption's colour word
 * @param reverseWeight    weight of a third contrastive term whose negative is the clip played backwards, weighed by
 *                         time (0 = none, below 1 together with the other two): it pushes only where the clip moves,
 *                         and which way it moves (a pan, a zoom, a subject's travel) only the caption can tell
 * @param simpleShare      fraction of world clips drawn as simple scenes: one shot, a static camera, one large
 *                         subject (0 = none; see {@link ai.gallop.world.SpecSampler#simple})
 * @param semanticWeight   weight of the semantic head's loss next to the x0 loss: the middle of the stack is asked what
 *                         each video token's clean pixels show, subject kind, colour, action and direction
 *                         ({@link SemanticTargets}; 0 = none). World clips only; the model needs the head
 *                         ({@link ModelConfig#semanticLabels})
 * @param twinPairs        weight of the pairs' difference loss (0 = none): every odd clip of a batch is the clip before
 *                         it with other subject colours (or as {@code twinChanges} says), captioned alike, noised alike,
 *                         and at times in {@code twinTimes} both get one input, the noised mean of the two, and the
 *                         difference of the pair's predictions is scored against the difference of the two clips
 *                         ({@link ai.gallop.diffusion.FlowMatching#pairDifferenceLoss}): there only the changed words
 *                         tell the two apart. World clips only; the batch is even. When distilling, a pair shares its
 *                         student step too, and the difference is scored against the teacher's: the words' share of the
 *                         teacher's landing, which a student fitting whole frames underweights (subjects are a few
 *                         percent of a frame)
 * @param twinChanges      what the second clip of a pair changes, one drawn evenly per pair (null = colour only, as
 *                         {@code twinPairs} first did): a term on colour pairs alone took the caption's share from the
 *                         scene, and pairs that change the scene or the kinds ask for those words the same way
 * @param twinTimes        where the pairs share one input and are scored on their difference (null =
 *                         {@link #TWIN_TIMES}). Near pure noise the subject's place is not yet decided, so a word
 *                         asked for there comes out as a wash over the frame; low, the clip is mostly drawn and the
 *                         words have little left to decide (docs/training.md, sessions 45 and 46)
 * @param distill          distil a teacher into a few-step student instead of learning from the clips' x0 (null =
 *                         ordinary training; see {@link Distillation})
 */
public record TrainOptions(ModelConfig model, VideoFormat format, String data, int batch, int steps, double learningRate, int warmupSteps,
                           double minLearningRate, double weightDecay, double beta1, double beta2, double gradClip,
                           double emaDecay, long seed, double timestepMean, double timestepShift, double minWeightTime,
                           double audioWeight, double subjectWeight, ConditionDropout conditions, boolean bf16, int checkpointEvery, int keep,
                           int threads, List<String> languages, double anchorShare, double temporalWeight, double contrastiveWeight, boolean contrastiveByTime, double recolourWeight, double recolourFromTime, double reverseWeight,
                           double simpleShare, double semanticWeight, double twinPairs, List<TwinChange> twinChanges, TimeRange twinTimes, Distillation distill) {
    /** The pairs' times when none are given: the middle of the schedule, measured in docs/training.md (session 45). */
    public static final TimeRange TWIN_TIMES = new TimeRange(0.3, 0.9);

    public TrainOptions {
        if (model == null || format == null || conditions == null) throw new IllegalArgumentException("model, format and conditions are required");
        model.videoTokeniser().tokens(format.width(), format.height(), format.frames());  // throws a one-line message if the clip does not fit
        if (batch < 1 || batch > 1024) throw new IllegalArgumentException("batch " + batch + " is out of range; allowed: 1 to 1024");
        if (steps < 1) throw new IllegalArgumentException("steps " + steps + " is out of range; allowed: at least 1");
        if (!(learningRate > 0 && learningRate < 1)) throw new IllegalArgumentException("learning rate " + learningRate + " is out of range; allowed: above 0, below 1");
        if (warmupSteps < 0) throw new IllegalArgumentException("warm-up " + warmupSteps + " is out of range; allowed: 0 or more steps");
        if (!(minLearningRate >= 0 && minLearningRate <= 1)) throw new IllegalArgumentException("minimum learning rate fraction " + minLearningRate + " is out of range; allowed: 0 to 1");
        if (!(weightDecay >= 0 && weightDecay < 1)) throw new IllegalArgumentException("weight decay " + weightDecay + " is out of range; allowed: 0 to below 1");
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("betas " + beta1 + ", " + beta2 + " are out of range; allowed: 0 to below 1");
        if (!(gradClip >= 0)) throw new IllegalArgumentException("gradient clip " + gradClip + " is out of range; allowed: 0 (off) or more");
        if (!(emaDecay >= 0 && emaDecay < 1)) throw new IllegalArgumentException("EMA decay " + emaDecay + " is out of range; allowed: 0 (off) to below 1");
        if (!(minWeightTime > 0 && minWeightTime <= 1)) throw new IllegalArgumentException("--min-weight-time " + minWeightTime + " is out of range; allowed: above 0, at most 1");
        if (!(audioWeight >= 0)) throw new IllegalArgumentException("audio weight " + audioWeight + " is out of range; allowed: 0 or more");
        if (!(subjectWeight >= 0 && subjectWeight <= 100)) throw new IllegalArgumentException("subject weight " + subjectWeight + " is out of range; allowed: 0 (off) to 100");
        if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint interval " + checkpointEvery + " is out of range; allowed: at least 1 step");
        if (keep < 1) throw new IllegalArgumentException("keep " + keep + " is out of range; allowed: at least 1 checkpoint");
        if (!(simpleShare >= 0 && simpleShare <= 1)) throw new IllegalArgumentException("--simple-share " + simpleShare + " is out of range; allowed: 0 to 1");
        if (simpleShare > 0 && data != null) throw new IllegalArgumentException("--simple-share draws world scenes; it does not apply to --data footage");
        if (!(anchorShare >= 0 && anchorShare <= 1)) throw new IllegalArgumentException("--anchor-share " + anchorShare + " is out of range; allowed: 0 to 1");
        if (!(temporalWeight >= 0 && temporalWeight <= 100)) throw new IllegalArgumentException("--temporal-weight " + temporalWeight + " is out of range; allowed: 0 (off) to 100");
        if (!(contrastiveWeight >= 0 && contrastiveWeight < 1)) throw new IllegalArgumentException("--contrastive-weight " + contrastiveWeight + " is out of range; allowed: 0 (off) to below 1");
        if (contrastiveWeight > 0 && batch < 2) throw new IllegalArgumentException("--contrastive-weight needs other clips in the batch; allowed: --batch 2 or more");
        if (contrastiveByTime && contrastiveWeight == 0) throw new IllegalArgumentException("--contrastive-by-time needs a contrastive term; allowed: with --contrastive-weight above 0");
        if (!(recolourWeight >= 0 && recolourWeight < 1)) throw new IllegalArgumentException("--recolour-weight " + recolourWeight + " is out of range; allowed: 0 (off) to below 1");
        if (!(reverseWeight >= 0 && reverseWeight < 1)) throw new IllegalArgumentException("--reverse-weight " + reverseWeight + " is out of range; allowed: 0 (off) to below 1");
        if (contrastiveWeight + recolourWeight + reverseWeight >= 1)
            throw new IllegalArgumentException("--contrastive-weight " + contrastiveWeight + ", --recolour-weight " + recolourWeight + " and --reverse-weight "
                    + reverseWeight + " add up to 1 or more, where the best prediction runs off to infinity; allowed: a sum below 1");
        if (!(recolourFromTime >= 0 && recolourFromTime < 1)) throw new IllegalArgumentException("--recolour-from-time " + recolourFromTime + " is out of range; allowed: 0 to below 1");
        if (recolourFromTime > 0 && recolourWeight == 0) throw new IllegalArgumentException("--recolour-from-time needs a recolour term; allowed: with --recolour-weight above 0");
        if (conditions.referenceRate() > 0 && data != null) throw new IllegalArgumentException("--reference-share shows the world's subjects; it does not apply to --data footage");
        if (conditions.referenceRate() > 0 && distill != null) throw new IllegalArgumentException("--reference-share needs the clips' own targets; it does not apply with --distill-from");
        if (conditions.editRate() > 0 && data != null) throw new IllegalArgumentException("--edit-share repaints world scenes; it does not apply to --data footage");
        if (conditions.editRate() > 0 && distill != null) throw new IllegalArgumentException("--edit-share needs the clips' own targets; it does not apply with --distill-from");
        if (recolourWeight > 0 && data != null) throw new IllegalArgumentException("--recolour-weight repaints world scenes; it does not apply to --data footage");
        if (recolourWeight > 0 && distill != null) throw new IllegalArgumentException("--recolour-weight needs the clips' own targets; it does not apply with --distill-from");
        if (reverseWeight > 0 && distill != null) throw new IllegalArgumentException("--reverse-weight needs the clips' own targets; it does not apply with --distill-from");
        if (!(semanticWeight >= 0 && semanticWeight <= 10)) throw new IllegalArgumentException("--semantic-weight " + semanticWeight + " is out of range; allowed: 0 (off) to 10");
        if (semanticWeight > 0 && data != null) throw new IllegalArgumentException("--semantic-weight needs the world's label maps; it does not apply to --data footage");
        if (semanticWeight > 0 && model.semanticLabels() != SemanticTargets.LABELS)
            throw new IllegalArgumentException("--semantic-weight needs a semantic head of " + SemanticTargets.LABELS + " labels, and model '" + model.name() + "' has "
                    + (model.semanticLabels() == 0 ? "none" : model.semanticLabels()) + "; allowed: a model with that head (gallop train grows it)");
        if (!(twinPairs >= 0 && twinPairs <= 100)) throw new IllegalArgumentException("--twin-pairs " + twinPairs + " is out of range; allowed: 0 (off) to 100");
        if (twinPairs > 0 && data != null) throw new IllegalArgumentException("--twin-pairs repaints world scenes; it does not apply to --data footage");
        if (twinPairs > 0 && batch % 2 != 0) throw new IllegalArgumentException("--twin-pairs puts the clips in pairs and --batch " + batch + " is odd; allowed: an even batch");
        if (twinChanges != null) {
            if (twinPairs == 0) throw new IllegalArgumentException("--twin-changes needs pairs; allowed: with --twin-pairs above 0");
            if (twinChanges.isEmpty()) throw new IllegalArgumentException("no twin changes given; allowed: one or more of " + TwinChange.allowed());
            twinChanges = twinChanges.stream().distinct().sorted().toList();
            if (twinChanges.equals(List.of(TwinChange.COLOUR))) twinChanges = null;  // the same run as before the option
        }
        if (twinTimes != null) {
            if (twinPairs == 0) throw new IllegalArgumentException("--twin-times needs pairs; allowed: with --twin-pairs above 0");
            if (twinTimes.equals(TWIN_TIMES)) twinTimes = null;  // the default, so that naming it is the same run
        }
        if (threads < 1 || threads > 256) throw new IllegalArgumentException("threads " + threads + " is out of range; allowed: 1 to 256");
        if (languages != null) {
            if (languages.isEmpty()) throw new IllegalArgumentException("no caption languages given; allowed: one or more of "
                    + Vocabulary.allowed(Language.class));
            languages = languages.stream().map(tag -> Language.parse(tag).tag).distinct().toList();
        }
    }

    /** How this run draws training times. */
    public TimestepSampler timesteps() { return new TimestepSampler(timestepMean, 1, timestepShift, anchorShare); }

    /** The caption languages of world clips, in a fixed order (all 7 when none were chosen). */
    public List<Language> captionLanguages() {
        return languages == null ? List.of(Language.values()) : languages.stream().map(Language::parse).sorted().toList();
    }

    /** What the second clip of each pair changes; empty without pairs. */
    public List<TwinChange> pairChanges() {
        return twinPairs == 0 ? List.of() : twinChanges == null ? List.of(TwinChange.COLOUR) : twinChanges;
    }

    /** Where the pairs share one input and are scored on their difference; null without pairs. */
    public TimeRange pairTimes() {
        return twinPairs == 0 ? null : twinTimes == null ? TWIN_TIMES : twinTimes;
    }

    /** Defaults from docs/training.md for a model and clip format. */
    public static TrainOptions defaults(ModelConfig model, VideoFormat format) {
        // one libtorch thread per core but one: the clip renderer needs a core of its own, and on 2 cores a second
        // libtorch thread made a step slower (4.75 s against 2.14 s, docs/training.md)
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        return new TrainOptions(model, format, null, 8, 10_000, 3e-4, 200, 0.1, 0.01, 0.9, 0.99, 1.0, 0.995, 0,
                1.0, 1.0, 0.3, 0.5, 0, ConditionDropout.standard(), false, 200, 3, threads, null, 0, 0, 0, false, 0, 0, 0, 0, 0, 0, null, null, null);
    }

    /** Copy with a different step budget, checkpoint interval, kept count and thread count: all that may change on resume. */
    public TrainOptions withRunLength(int steps, int checkpointEvery, int keep, int threads) {
        return toBuilder().steps(steps).checkpointEvery(checkpointEvery).keep(keep).threads(threads).build();
    }

    /** The same run with what decides a step's result left out, for the resume check. */
    TrainOptions identity() { return withRunLength(1, 1, 1, 1); }

    /** A builder that starts from these options, for a run that differs in a few of them. */
    public Builder toBuilder() { return new Builder(this); }

    /**
     * Options one at a time: a run set by a handful of flags names only those, and a new option adds a setter here
     * instead of an argument at every call site. {@link #build} checks them as the record does.
     */
    public static final class Builder {
        private ModelConfig model;
        private VideoFormat format;
        private String data;
        private int batch;
        private int steps;
        private double learningRate;
        private int warmupSteps;
        private double minLearningRate;
        private double weightDecay;
        private double beta1;
        private double beta2;
        private double gradClip;
        private double emaDecay;
        private long seed;
        private double timestepMean;
        private double timestepShift;
        private double minWeightTime;
        private double audioWeight;
        private double subjectWeight;
        private ConditionDropout conditions;
        private boolean bf16;
        private int checkpointEvery;
        private int keep;
        private int threads;
        private List<String> languages;
        private double anchorShare;
        private double temporalWeight;
        private double contrastiveWeight;
        private boolean contrastiveByTime;
        private double recolourWeight;
        private double recolourFromTime;
        private double reverseWeight;
        private double simpleShare;
        private double semanticWeight;
        private double twinPairs;
        private List<TwinChange> twinChanges;
        private TimeRange twinTimes;
        private Distillation distill;

        private Builder(TrainOptions o) {
            model = o.model;
            format = o.format;
            data = o.data;
            batch = o.batch;
            steps = o.steps;
            learningRate = o.learningRate;
            warmupSteps = o.warmupSteps;
            minLearningRate = o.minLearningRate;
            weightDecay = o.weightDecay;
            beta1 = o.beta1;
            beta2 = o.beta2;
            gradClip = o.gradClip;
            emaDecay = o.emaDecay;
            seed = o.seed;
            timestepMean = o.timestepMean;
            timestepShift = o.timestepShift;
            minWeightTime = o.minWeightTime;
            audioWeight = o.audioWeight;
            subjectWeight = o.subjectWeight;
            conditions = o.conditions;
            bf16 = o.bf16;
            checkpointEvery = o.checkpointEvery;
            keep = o.keep;
            threads = o.threads;
            languages = o.languages;
            anchorShare = o.anchorShare;
            temporalWeight = o.temporalWeight;
            contrastiveWeight = o.contrastiveWeight;
            contrastiveByTime = o.contrastiveByTime;
            recolourWeight = o.recolourWeight;
            recolourFromTime = o.recolourFromTime;
            reverseWeight = o.reverseWeight;
            simpleShare = o.simpleShare;
            semanticWeight = o.semanticWeight;
            twinPairs = o.twinPairs;
            twinChanges = o.twinChanges;
            twinTimes = o.twinTimes;
            distill = o.distill;
        }

        public Builder model(ModelConfig value) { model = value; return this; }
        public Builder format(VideoFormat value) { format = value; return this; }
        public Builder data(String value) { data = value; return this; }
        public Builder batch(int value) { batch = value; return this; }
        public Builder steps(int value) { steps = value; return this; }
        public Builder learningRate(double value) { learningRate = value; return this; }
        public Builder warmupSteps(int value) { warmupSteps = value; return this; }
        public Builder minLearningRate(double value) { minLearningRate = value; return this; }
        public Builder weightDecay(double value) { weightDecay = value; return this; }
        public Builder beta1(double value) { beta1 = value; return this; }
        public Builder beta2(double value) { beta2 = value; return this; }
        public Builder gradClip(double value) { gradClip = value; return this; }
        public Builder emaDecay(double value) { emaDecay = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder timestepMean(double value) { timestepMean = value; return this; }
        public Builder timestepShift(double value) { timestepShift = value; return this; }
        public Builder minWeightTime(double value) { minWeightTime = value; return this; }
        public Builder audioWeight(double value) { audioWeight = value; return this; }
        public Builder subjectWeight(double value) { subjectWeight = value; return this; }
        public Builder conditions(ConditionDropout value) { conditions = value; return this; }
        public Builder bf16(boolean value) { bf16 = value; return this; }
        public Builder checkpointEvery(int value) { checkpointEvery = value; return this; }
        public Builder keep(int value) { keep = value; return this; }
        public Builder threads(int value) { threads = value; return this; }
        public Builder languages(List<String> value) { languages = value; return this; }
        public Builder anchorShare(double value) { anchorShare = value; return this; }
        public Builder temporalWeight(double value) { temporalWeight = value; return this; }
        public Builder contrastiveWeight(double value) { contrastiveWeight = value; return this; }
        public Builder contrastiveByTime(boolean value) { contrastiveByTime = value; return this; }
        public Builder recolourWeight(double value) { recolourWeight = value; return this; }
        public Builder recolourFromTime(double value) { recolourFromTime = value; return this; }
        public Builder reverseWeight(double value) { reverseWeight = value; return this; }
        public Builder simpleShare(double value) { simpleShare = value; return this; }
        public Builder semanticWeight(double value) { semanticWeight = value; return this; }
        public Builder twinPairs(double value) { twinPairs = value; return this; }
        public Builder twinChanges(List<TwinChange> value) { twinChanges = value; return this; }
        public Builder twinTimes(TimeRange value) { twinTimes = value; return this; }
        public Builder distill(Distillation value) { distill = value; return this; }

        public TrainOptions build() {
            return new TrainOptions(model, format, data, batch, steps, learningRate, warmupSteps, minLearningRate, weightDecay, beta1, beta2,
                    gradClip, emaDecay, seed, timestepMean, timestepShift, minWeightTime, audioWeight, subjectWeight, conditions, bf16,
                    checkpointEvery, keep, threads, languages, anchorShare, temporalWeight, contrastiveWeight, contrastiveByTime, recolourWeight,
                    recolourFromTime, reverseWeight, simpleShare, semanticWeight, twinPairs, twinChanges, twinTimes, distill);
        }
    }
}
