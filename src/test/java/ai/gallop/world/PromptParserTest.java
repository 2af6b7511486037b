package ai.gallop.world;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Size;
import ai.gallop.world.Vocabulary.Subject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-written prompts, none of them produced by the caption grammar, with what they ask for.
 * Expected parses are written compactly: per shot "scene camera : subject + subject ; relation",
 * a subject as "kind colour size action direction", '?' for what the prompt does not say, shots
 * joined by " // "; then the unknown words and the detected language.
 */
class PromptParserTest {
    private final PromptParser parser = new PromptParser();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a brown horse gallops to the right across a meadow | meadow ? : horse brown ? gallop right | | en
            A purple dragon flies over the beach | beach ? : ? purple ? fly ? | dragon | en
            Two RED balls bouncing!! | ? ? : ball red ? bounce ? | Two | en
            The camera pans left as a small white pony runs. | ? pan_left : horse white small gallop ? | | en
            a red ball to the left of a blue box | ? ? : ball red ? ? ? + box blue ? ? ? ; 1 right_of 0 | | en
            an automobile drives right on a city street, then cut to a fish swimming left in a studio | city_street ? : car ? ? move right // studio ? : fish ? ? swim left | | en
            Big sphere, green, spinning in the snow with a fixed camera | snow static : ball green large spin ? | | en
            a cube | ? ? : box ? ? ? ? | | en
            a tiny yellow bird is flying leftwards under the stars, zoom in | night_sky zoom_in : bird yellow small fly left | | en
            the horse is still | ? ? : horse ? ? still ? | | en
            A large black fish swims right. Above it, a small orange star spins. | ? ? : fish black large swim right + star orange small spin ? ; 1 above 0 | | en
            sparkly unicorn |  | sparkly unicorn |
            一匹棕色的马在草地上向右奔跑 | meadow ? : horse brown ? gallop right | | zh
            一条紫色的龙在海滩上飞 | beach ? : ? purple ? fly ? | 龙 | zh
            镜头向右平移，一辆蓝色的汽车在街道上行驶 | city_street pan_right : car blue ? move ? | | zh
            一个绿色的球在蓝色盒子的左边弹跳 | ? ? : ball green ? bounce ? + box blue ? ? ? ; 1 right_of 0 | | zh
            小鱼向左游 | ? ? : fish ? small swim left | | zh
            红色的大星星在夜空中旋转，镜头固定不动 | night_sky static : star red large spin ? | | zh
            一个黄色的方块向上移动 | ? ? : box yellow ? move up | | zh
            沙漠里有一辆黑色的车，然后切换到一条橙色的鱼在摄影棚里游动 | desert ? : car black ? ? ? // studio ? : fish orange ? swim ? | | zh
            马 | ? ? : horse ? ? ? ? | | zh
            镜头拉远 | ? zoom_out : | | zh
            一个粉色的球。它在跳。 | ? ? : ball pink ? jump ? | | zh
            一个大球和一个小盒子 | ? ? : ball ? large ? ? + box ? small ? ? | | zh
            一隻啡色嘅馬喺草地度向右跑緊 | meadow ? : horse brown ? gallop right | | yue
            有個紅色嘅波喺沙灘度彈嚟彈去，鏡頭推近 | beach zoom_in : ball red ? bounce ? | | yue
            一條細細條嘅魚向左游緊水 | ? ? : fish ? small swim left | | yue
            一隻白色嘅雀仔喺夜空入面向右飛緊 | night_sky ? : bird white ? fly right | | yue
            一架黑色嘅車喺街度向左揸緊 | city_street ? : car black ? move left | | yue
            黃色嘅盒喺藍色嘅波上面 | ? ? : box yellow ? ? ? + ball blue ? ? ? ; 1 below 0 | | yue
            一粒好大嘅粉紅色星星喺度轉緊圈 | ? ? : star pink large spin ? | | yue
            鏡頭向左搖，一隻綠色嘅馬定定企喺度 | ? pan_left : horse green ? still ? | | yue
            一隻紫色嘅龍喺沙漠度飛緊 | desert ? : ? purple ? fly ? | 龍 | yue
            一個橙色嘅波越嚟越大，跟住切去雪地度，一條魚游緊水 | ? ? : ball orange ? grow ? // snow ? : fish ? ? swim ? | | yue
            波 | ? ? : ball ? ? ? ? | | yue
            一個藍色嘅箱仔 | ? ? : box blue ? ? ? | | yue
            茶色の馬が草原を右へ走っている | meadow ? : horse brown ? gallop right | | ja
            赤いボールが浜辺で跳ねている。カメラは固定。 | beach static : ball red ? bounce ? | | ja
            青い箱の左に小さな白い鳥がいる | ? ? : box blue ? ? ? + bird white small ? ? ; 1 left_of 0 | | ja
            紫のドラゴンが飛ぶ | ? ? : ? purple ? fly ? | ドラゴン | ja
            大きな黄色い星がくるくる回っている | ? ? : star yellow large spin ? | | ja
            夜空を小鳥が左へ飛んでいく | night_sky ? : bird ? ? fly left | | ja
            車が走る | ? ? : car ? ? move ? | | ja
            カメラがズームアウトする。砂漠で黒い車が右に進む。 | desert zoom_out : car black ? move right | | ja
            雪の中で白い魚がじっとしている | snow ? : fish white ? still ? | | ja
            緑の箱がだんだん小さくなる。そしてカット。スタジオでピンクのボールがジャンプする | ? ? : box green ? shrink ? // studio ? : ball pink ? jump ? | | ja
            中くらいの青い馬がゆっくり左へ移動している | ? ? : horse blue medium move left | | ja
            オレンジ色の星の上に赤い鳥 | ? ? : star orange ? ? ? + bird red ? ? ? ; 1 above 0 | | ja
            갈색 말이 초원에서 오른쪽으로 달린다 | meadow ? : horse brown ? gallop right | | ko
            빨간 공이 해변에서 통통 튄다. 카메라가 줌인한다. | beach zoom_in : ball red ? bounce ? | | ko
            파란 상자 왼쪽에 작은 흰 새가 있다 | ? ? : box blue ? ? ? + bird white small ? ? ; 1 left_of 0 | | ko
            보라색 용이 날아간다 | ? ? : ? purple ? fly ? | 용이 | ko
            큰 노란 별이 빙글빙글 돈다 | ? ? : star yellow large spin ? | | ko
            밤하늘에서 작은 새가 왼쪽으로 날아간다 | night_sky ? : bird ? small fly left | | ko
            자동차 | ? ? : car ? ? ? ? | | ko
            카메라가 왼쪽으로 팬한다. 사막에서 검은 자동차가 움직인다. | desert pan_left : car black ? move ? | | ko
            눈밭에서 하얀 물고기가 가만히 있다 | snow ? : fish white ? still ? | | ko
            초록색 상자가 점점 작아진다. 장면 전환. 스튜디오에서 분홍색 공이 점프한다. | ? ? : box green ? shrink ? // studio ? : ball pink ? jump ? | | ko
            중간 크기의 파란 말이 천천히 위로 움직인다 | ? ? : horse blue medium move up | | ko
            주황색 별 위에 빨간 새 | ? ? : star orange ? ? ? + bird red ? ? ? ; 1 above 0 | | ko
            Ein braunes Pferd galoppiert auf einer Wiese nach rechts. | meadow ? : horse brown ? gallop right | | de
            Ein lila Drache fliegt über den Strand | beach ? : ? purple ? fly ? | Drache | de
            Ein kleiner roter Ball hüpft am Strand, die Kamera schwenkt nach links. | beach pan_left : ball red small bounce ? | | de
            Ein großer Vogel fliegt über der blauen Kiste. | ? ? : bird ? large fly ? + box blue ? ? ? ; 1 below 0 | | de
            Zwei Fische schwimmen im Nachthimmel | night_sky ? : fish ? ? swim ? | Zwei | de
            Ein blaues Stadtauto fährt nach rechts | city_street ? : car blue ? move right | | de
            Die Kamera zoomt heran. Ein mittelgroßer weißer Würfel dreht sich. | ? zoom_in : box white medium spin ? | | de
            Ein schwarzes Auto fährt nach links. Dann Schnitt: ein grüner Fisch schwimmt im Studio. | ? ? : car black ? move left // studio ? : fish green ? swim ? | | de
            Pferde | ? ? : horse ? ? ? ? | | de
            Links vom roten Stern steht ein rosa Pferd still. | ? ? : star red ? ? ? + horse pink ? still ? ; 1 left_of 0 | | de
            ein Vogel, der nach oben fliegt | ? ? : bird ? ? fly up | | de
            Eine ORANGE Kugel wird immer kleiner, statische Kamera | ? static : ball orange ? shrink ? | | de
            un cheval brun galope vers la droite dans une prairie | meadow ? : horse brown ? gallop right | | fr
            Un dragon violet vole au-dessus de la plage | beach ? : ? purple ? fly ? | dragon | fr
            Une petite balle rouge rebondit sur la plage. | beach ? : ball red small bounce ? | | fr
            Un oiseau blanc vole au-dessus de la voiture bleue, la caméra zoome en avant. | ? zoom_in : bird white ? fly ? + car blue ? ? ? ; 1 below 0 | | fr
            Deux poissons nagent dans le ciel nocturne | night_sky ? : fish ? ? swim ? | Deux | fr
            une grosse étoile jaune tourne sur elle-même dans le désert | desert ? : star yellow large spin ? | | fr
            un poisson nage vers la gauche puis coupe sur un cheval noir qui saute | ? ? : fish ? ? swim left // ? ? : horse black ? jump ? | | fr
            Plan fixe sur une boîte verte immobile | ? static : box green ? still ? | | fr
            chevaux | ? ? : horse ? ? ? ? | | fr
            À gauche de l'étoile rouge, un cheval rose reste immobile. | ? ? : star red ? ? ? + horse pink ? still ? ; 1 left_of 0 | | fr
            un oiseau qui monte | ? ? : bird ? ? move up | | fr
            La caméra fait un panoramique vers la droite sur une rue avec une voiture orange | city_street pan_right : car orange ? ? ? | | fr
            a red ball and 一只蓝色的鸟 | ? ? : ball red ? ? ? + bird blue ? ? ? | | zh
            """)
    void readsUserPrompts(String prompt, String shots, String unknown, String language) {
        ParsedPrompt parsed = parser.parse(prompt);
        assertThat(describe(parsed)).isEqualTo(shots == null ? "" : shots);
        assertThat(parsed.unknownWords()).isEqualTo(unknown == null ? List.of() : List.of(unknown.split(" ")));
        assertThat(parsed.language()).isEqualTo(language == null ? null : Language.parse(language));
    }

    @Test void blankPromptsGiveNothingAndNoError() {
        for (String blank : new String[]{"", "   ", "...", "！？"}) {
            ParsedPrompt parsed = parser.parse(blank);
            assertThat(parsed.shots()).isEmpty();
            assertThat(parsed.unknownWords()).isEmpty();
            assertThat(parsed.language()).isNull();
        }
    }

    @Test void toSpecKeepsWhatWasSaidAndFillsTheRestFromTheSeed() {
        ParsedPrompt parsed = parser.parse("a purple dragon flies");
        SceneSpec spec = parsed.toSpec(7, VideoFormat.DEFAULT);
        assertThat(parsed.toSpec(7, VideoFormat.DEFAULT)).isEqualTo(spec);
        SubjectSpec s = spec.shots().getFirst().subjects().getFirst();
        assertThat(s.kind()).isEqualTo(Subject.BIRD);      // flying is what birds do
        assertThat(s.colour()).isEqualTo(Colour.PURPLE);
        assertThat(s.action()).isEqualTo(Action.FLY);
        assertThat(s.direction()).isIn(Direction.LEFT, Direction.RIGHT);
        List<SceneSpec> others = new ArrayList<>();
        for (long seed = 0; seed < 20; seed++) others.add(parsed.toSpec(seed, VideoFormat.DEFAULT));
        assertThat(others.stream().map(o -> o.shots().getFirst().scene()).distinct().count()).isGreaterThan(1);
    }

    @Test void toSpecOfAnEmptyPromptIsOneSampledSubject() {
        SceneSpec spec = parser.parse("").toSpec(3, VideoFormat.DEFAULT);
        assertThat(spec.shots()).hasSize(1);
        assertThat(spec.shots().getFirst().subjects()).hasSize(1);
        assertThat(spec.cutFrame()).isZero();
    }

    @Test void toSpecSamplesRelationsAndAvoidsKindAndColourClashes() {
        ParsedSubject redBall = new ParsedSubject(Subject.BALL, Colour.RED, null, null, null);
        ParsedSubject someBall = new ParsedSubject(Subject.BALL, null, Size.SMALL, null, null);
        ParsedPrompt prompt = new ParsedPrompt(List.of(new ParsedShot(null, null, List.of(redBall, someBall), List.of())), List.of(), Language.EN);
        for (long seed = 0; seed < 200; seed++) {
            ShotSpec shot = prompt.toSpec(seed, VideoFormat.DEFAULT).shots().getFirst();
            assertThat(shot.subjects().get(1).colour()).isNotEqualTo(Colour.RED);
            assertThat(shot.subjects().get(1).size()).isEqualTo(Size.SMALL);
            assertThat(shot.relations()).hasSize(1);
        }
    }

    @Test void toSpecCutsTwoShotsInTheMiddle() {
        SceneSpec spec = parser.parse("a horse gallops left, then cut to a fish").toSpec(1, VideoFormat.DEFAULT);
        assertThat(spec.shots()).hasSize(2);
        assertThat(spec.cutFrame()).isEqualTo(VideoFormat.DEFAULT.frames() / 2);
    }

    @Test void toSpecRejectsWhatTheWorldCannotShow() {
        assertThatThrownBy(() -> parser.parse("a ball bounces to the left").toSpec(1, VideoFormat.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bounce cannot go left");
        assertThatThrownBy(() -> parser.parse("a red ball, a blue box, a green star and a white car").toSpec(1, VideoFormat.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("4 subjects in one shot of the prompt; allowed: 1 to 3");
        assertThatThrownBy(() -> parser.parse("a horse. cut to a ball. cut to a box").toSpec(1, VideoFormat.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("3 shots in the prompt; allowed: 1 or 2");
    }

    @Test void everyLanguageNamesEveryValueOfTheVocabulary() {
        for (Language language : Language.values()) {
            List<Lexicon.Sense> senses = Captioner.lexicon(language).entries().stream().map(Lexicon.Entry::sense).toList();
            for (Subject k : Subject.values()) assertThat(senses).as(language + " " + k).anyMatch(s -> s instanceof Lexicon.Sense.Kind x && x.kind() == k);
            for (Colour c : Colour.values()) assertThat(senses).as(language + " " + c).anyMatch(s -> s instanceof Lexicon.Sense.Paint x && x.colour() == c);
            for (Size z : Size.values()) assertThat(senses).as(language + " " + z).anyMatch(s -> s instanceof Lexicon.Sense.Bulk x && x.size() == z);
            for (Vocabulary.Scene z : Vocabulary.Scene.values()) assertThat(senses).as(language + " " + z).anyMatch(s -> s instanceof Lexicon.Sense.Place x && x.scene() == z);
            for (Vocabulary.Relation z : Vocabulary.Relation.values()) assertThat(senses).as(language + " " + z).anyMatch(s -> s instanceof Lexicon.Sense.Position x && x.relation() == z);
            for (Action a : Action.values()) assertThat(senses).as(language + " " + a).anyMatch(s -> s instanceof Lexicon.Sense.Act x && x.action() == a);
            assertThat(Captioner.knownPhrases(language)).doesNotContain("the", "的", "嘅", "が", "이", "der", "le");
        }
    }

    /** Random word salad from every lexicon, with junk mixed in: never an exception, only an IllegalArgumentException from toSpec. */
    @Test void neverCrashesOnWordSalad() {
        List<String> words = new ArrayList<>(List.of("zzz", "🐴", "42", ",", ".", "ドラゴン", "龍", "용이", "-", "'"));
        for (Language l : Language.values()) for (Lexicon.Entry e : Captioner.lexicon(l).entries()) words.add(e.phrase());
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < 3000; i++) {
            StringBuilder prompt = new StringBuilder();
            for (int w = rng.nextInt(12); w >= 0; w--) prompt.append(words.get(rng.nextInt(words.size()))).append(rng.nextBoolean() ? " " : "");
            ParsedPrompt parsed = parser.parse(prompt.toString());
            try {
                parsed.toSpec(i, VideoFormat.DEFAULT);
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).as(prompt.toString()).doesNotContain("\n").contains("allowed");
            }
        }
    }

    /** The compact form used in the table above. */
    static String describe(ParsedPrompt parsed) {
        List<String> shots = new ArrayList<>();
        for (ParsedShot shot : parsed.shots()) {
            List<String> subjects = new ArrayList<>();
            for (ParsedSubject s : shot.subjects())
                subjects.add(String.join(" ", id(s.kind()), id(s.colour()), id(s.size()), id(s.action()), id(s.direction())));
            String text = id(shot.scene()) + " " + id(shot.camera()) + " :" + (subjects.isEmpty() ? "" : " " + String.join(" + ", subjects));
            for (RelationSpec r : shot.relations()) text += " ; " + r.subject() + " " + id(r.relation()) + " " + r.reference();
            shots.add(text);
        }
        return String.join(" // ", shots);
    }

    private static String id(Enum<?> e) { return e == null ? "?" : Vocabulary.idOf(e); }
}
